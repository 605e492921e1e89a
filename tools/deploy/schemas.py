#!/usr/bin/env python3
"""Builds the JSON schemas kubeconform validates against, offline, in kubeconform's layout.

  schemas.py k8s <kubernetes_validate wheel> <k8s version> <out dir>
      The Kubernetes built-in schemas ship in the PyPI package `kubernetes-validate` as
      `kubernetes-json-schema/v<version>-local-strict/<kind>-<group>-<version>.json`, each pointing
      into a shared `_definitions.json` by an absolute `$ref` (`/api/_definitions.json#/$defs/…`)
      that kubeconform cannot follow. This writes standalone copies (each with the `$defs` it needs)
      to `<out>/v<version>-standalone-strict/`, the layout of kubeconform's
      `{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`.

  schemas.py crd <out dir> <CRD yaml file>...
      Converts every CustomResourceDefinition's openAPIV3Schema to a JSON schema at
      `<out>/<group>/<kind>_<version>.json` (kubeconform:
      `{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json`), strict like kubectl:
      objects that list their properties reject unknown fields unless they preserve unknown fields.

Only the standard library, plus PyYAML for `crd` (install.sh provides it when missing).
"""

import json
import sys
import zipfile
from pathlib import Path

DEFS_REF = "/api/_definitions.json#/$defs/"
LOCAL_REF = "#/$defs/"


def _refs(node, found):
    """Collects the $defs names a schema node refers to, rewriting absolute refs to local ones."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref.startswith(DEFS_REF):
                ref = LOCAL_REF + ref[len(DEFS_REF):]
                node["$ref"] = ref
            if ref.startswith(LOCAL_REF):
                found.add(ref[len(LOCAL_REF):])
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)


def k8s(wheel: str, version: str, out: str) -> int:
    version = version.lstrip("v")
    prefix = f"kubernetes_validate/kubernetes-json-schema/v{version}-local-strict/"
    target = Path(out) / f"v{version}-standalone-strict"
    target.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as archive:
        names = [n for n in archive.namelist() if n.startswith(prefix) and n.endswith(".json")]
        if not names:
            print(f"schemas.py: {wheel} has no schemas for Kubernetes {version}", file=sys.stderr)
            return 1
        definitions = json.loads(archive.read(prefix + "_definitions.json"))["$defs"]
        written = 0
        for name in names:
            filename = name[len(prefix):]
            if filename in ("_definitions.json", "all.json"):
                continue
            schema = json.loads(archive.read(name))
            if "x-kubernetes-group-version-kind" not in schema:
                continue  # not a top-level resource
            pending = set()
            _refs(schema, pending)
            needed = {}
            while pending:
                key = pending.pop()
                if key in needed:
                    continue
                definition = json.loads(json.dumps(definitions[key]))
                needed[key] = definition
                more = set()
                _refs(definition, more)
                pending |= more - needed.keys()
            schema.pop("$id", None)
            schema["$defs"] = needed
            (target / filename).write_text(json.dumps(schema, separators=(",", ":")))
            written += 1
    print(f"schemas.py: {written} Kubernetes {version} schemas in {target}")
    return 0


# OpenAPI formats that are not JSON Schema formats; a validator must not reject them.
OPENAPI_ONLY_FORMATS = {"int32", "int64", "float", "double", "byte", "binary", "password", "int-or-string"}


def _convert(node):
    """openAPIV3Schema (structural, OpenAPI flavoured) -> JSON schema, strict about unknown fields."""
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key in ("properties", "patternProperties", "definitions"):
            result[key] = {name: _convert(sub) for name, sub in value.items()}
        elif key in ("items", "additionalProperties", "not", "allOf", "anyOf", "oneOf"):
            result[key] = _convert(value)
        else:
            result[key] = value
    if result.get("x-kubernetes-int-or-string") or result.get("format") == "int-or-string":
        result.pop("type", None)
        result.pop("format", None)
        result["anyOf"] = [{"type": "string"}, {"type": "integer"}]
    if result.get("format") in OPENAPI_ONLY_FORMATS:
        result.pop("format")
    if result.pop("nullable", False) and isinstance(result.get("type"), str):
        result["type"] = [result["type"], "null"]
    if (
        "properties" in result
        and "additionalProperties" not in result
        and not result.get("x-kubernetes-preserve-unknown-fields")
    ):
        result["additionalProperties"] = False
    return result


def crd(out: str, files) -> int:
    import yaml  # PyYAML

    written = 0
    for path in files:
        with open(path, encoding="utf-8") as handle:
            documents = [d for d in yaml.safe_load_all(handle) if d]
        for document in documents:
            items = document.get("items", [document]) if document.get("kind") == "List" else [document]
            for item in items:
                if item.get("kind") != "CustomResourceDefinition":
                    continue
                spec = item["spec"]
                group, kind = spec["group"], spec["names"]["kind"]
                for version in spec.get("versions", []):
                    openapi = (version.get("schema") or {}).get("openAPIV3Schema")
                    if not openapi:
                        continue
                    schema = _convert(json.loads(json.dumps(openapi)))
                    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
                    properties = schema.setdefault("properties", {})
                    properties["apiVersion"] = {"type": "string", "enum": [f"{group}/{version['name']}"]}
                    properties["kind"] = {"type": "string", "enum": [kind]}
                    properties.setdefault("metadata", {"type": "object"})
                    schema.setdefault("required", [])
                    for field in ("apiVersion", "kind", "metadata"):
                        if field not in schema["required"]:
                            schema["required"].append(field)
                    target = Path(out) / group / f"{kind.lower()}_{version['name']}.json"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(json.dumps(schema, indent=1))
                    written += 1
    print(f"schemas.py: {written} CRD schemas in {out}")
    return 0


def main(argv) -> int:
    if len(argv) >= 5 and argv[1] == "k8s":
        return k8s(argv[2], argv[3], argv[4])
    if len(argv) >= 4 and argv[1] == "crd":
        return crd(argv[2], argv[3:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
