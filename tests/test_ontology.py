from whodid.ontology import Ontology


def test_every_cameo_code_has_score_and_quad_class():
    onto = Ontology.load()
    assert len(onto.codes) >= 300
    for code in onto.codes.values():
        assert -10.0 <= code.goldstein <= 10.0
        assert code.quad_class == (1 if code.root <= "05" else 2 if code.root <= "08"
                                   else 3 if code.root <= "13" else 4)


def test_plover_mapping_uses_current_names_and_inherits():
    onto = Ontology.load()
    assert onto.plover("010") is None and onto.plover("0211") is None
    assert onto.plover("1011").type == "REQUEST"  # DEMAND in the 2021 table
    assert onto.plover("190").type == "ASSAULT"
    assert onto.plover("1823").type == "ASSAULT"
    assert onto.plover("173").type == "COERCE"
    # the current manual's CONCEDE covers removing curfews and easing restrictions
    assert onto.plover("0813").type == "CONCEDE" and onto.plover("0814").type == "CONCEDE"
    assert onto.plover("0831").type == "RETREAT"  # the manual's RETREAT 'resign'
    assert onto.plover("055").type == "CONCEDE"  # regret or remorse
    assert onto.get("138").goldstein == -7.0
    every = {onto.plover(c).type for c in onto.codes if c[:2] not in ("01", "02")}
    assert len(every) == 16
