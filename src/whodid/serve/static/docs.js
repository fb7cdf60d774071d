// Reads the app's OpenAPI schema and lists its endpoints, parameters and bodies (offline).
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function typeOf(schema, spec) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.anyOf) return schema.anyOf.map((s) => typeOf(s, spec)).join(" | ");
  if (schema.enum) return schema.enum.join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === "array") return `${typeOf(schema.items, spec)}[]`;
  const limits = ["minimum", "maximum", "minLength", "maxLength", "pattern", "format"]
    .filter((k) => schema[k] !== undefined).map((k) => `${k} ${schema[k]}`);
  return [schema.type, ...limits].filter(Boolean).join(", ");
}

function fields(schema, spec) {
  const table = el("table", {});
  for (const [name, prop] of Object.entries(schema.properties || {})) {
    const required = (schema.required || []).includes(name) ? "required" : "";
    table.append(el("tr", {}, el("td", {}, el("code", {}, name)), el("td", {}, typeOf(prop, spec)),
      el("td", {}, required), el("td", {}, prop.description || "")));
  }
  return table;
}

async function start() {
  const spec = await (await fetch("/openapi.json")).json();
  const main = document.getElementById("api");
  main.append(el("p", { class: "panel wide" }, spec.info.summary || spec.info.title));
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const panel = el("section", { class: "panel wide" },
        el("h2", {}, `${method.toUpperCase()} ${path}`),
        el("p", {}, op.description || op.summary || ""));
      const params = op.parameters || [];
      if (params.length) {
        const table = el("table", {});
        for (const p of params) {
          table.append(el("tr", {}, el("td", {}, el("code", {}, p.name)), el("td", {}, p.in),
            el("td", {}, typeOf(p.schema, spec)), el("td", {}, p.required ? "required" : ""),
            el("td", {}, p.description || (p.schema && p.schema.description) || "")));
        }
        panel.append(el("h3", {}, "parameters"), table);
      }
      const body = op.requestBody && op.requestBody.content["application/json"];
      if (body) {
        const name = body.schema.$ref.split("/").pop();
        panel.append(el("h3", {}, `body: ${name}`), fields(spec.components.schemas[name], spec));
      }
      main.append(panel);
    }
  }
}

start();
