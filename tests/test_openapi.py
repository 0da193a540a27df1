import re

from firsthand.api.openapi import ENDPOINTS


def test_openapi_document_describes_every_api_route(app, client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"] == "3.1.0"
    documented = {(m.upper(), "/api/v1" + p) for p, ops in doc["paths"].items() for m in ops}
    routed = {
        (method, re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1")
        and rule.rule not in ("/api/v1/openapi.json", "/api/v1/connect")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routed == documented


def test_openapi_refs_all_resolve(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    refs = re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', str(doc).replace("'", '"'))
    assert refs and set(refs) <= set(doc["components"]["schemas"])


def test_every_endpoint_has_request_and_response_schemas(client):
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    for _m, _p, _s, request_schema, responses, _auth in ENDPOINTS:
        assert request_schema is None or request_schema in schemas
        assert set(responses.values()) <= set(schemas)
