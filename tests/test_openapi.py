"""The OpenAPI document is generated from the routes' own declarations, so it cannot drift."""

import re

import pytest

from firsthand.api import API_PREFIX
from firsthand.api.contract import VIOLATIONS, IdConverter, operation_of
from firsthand.models import ROLES
from firsthand.validation import load_schemas

PARAM = re.compile(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>")


def api_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith(API_PREFIX)]


def operations(doc):
    return {
        (path, method, op["operationId"]): op
        for path, item in doc["paths"].items()
        for method, op in item.items()
    }


@pytest.fixture
def doc(client):
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    return answer.get_json()


def test_every_api_route_is_an_operation_and_every_operation_a_route(app, doc):
    routed = {
        (method.lower(), PARAM.sub(r"{\1}", rule.rule.removeprefix(API_PREFIX)))
        for rule in api_rules(app)
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    documented = {(method, path) for path, item in doc["paths"].items() for method in item}
    assert routed == documented
    assert len(documented) >= 14
    assert doc["openapi"] == "3.1.0" and doc["servers"] == [{"url": API_PREFIX}]


def test_every_api_route_declares_its_contract(app):
    undeclared = [rule.rule for rule in api_rules(app) if operation_of(app, rule.endpoint) is None]
    assert undeclared == []


def test_refs_all_resolve(doc):
    refs = set(re.findall(r"'\$ref': '#/components/schemas/([^']+)'", str(doc)))
    assert refs and refs <= set(doc["components"]["schemas"])
    assert set(doc["components"]["schemas"]) == set(load_schemas())


def test_each_operation_documents_the_answers_its_kind_can_give(app, doc):
    by_endpoint = {op_id: op for (_p, _m, op_id), op in operations(doc).items()}
    for rule in api_rules(app):
        declared = operation_of(app, rule.endpoint)
        answers = set(by_endpoint[rule.endpoint]["responses"])
        op = by_endpoint[rule.endpoint]
        if "requestBody" in op:
            assert {"400", "413", "415", "422"} <= answers, rule.rule
        if "security" in op:
            assert "401" in answers, rule.rule
        if declared.limited:
            assert "429" in answers and "Retry-After" in op["responses"]["429"]["headers"]
        if declared.roles:
            assert "403" in answers, rule.rule
        if any(p["in"] == "query" for p in op.get("parameters", [])):
            assert "400" in answers, rule.rule
        path_params = [p for p in op.get("parameters", []) if p["in"] == "path"]
        assert [p["name"] for p in path_params] == PARAM.findall(rule.rule)
        if path_params:
            assert "404" in answers, rule.rule
        assert all(
            answer["content"]["application/json"]["schema"] for answer in op["responses"].values()
        )
        assert any(status.startswith("2") for status in answers), rule.rule


def test_known_operations_are_documented_as_the_contract_says(doc):
    delete = doc["paths"]["/shares/{share_id}"]["delete"]
    assert delete["parameters"] == [
        {
            "name": "share_id",
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
        }
    ]
    assert set(delete["responses"]) == {"200", "400", "401", "404", "429", "503"}
    create = doc["paths"]["/shares"]["post"]
    assert set(create["responses"]) == {
        "200",
        "201",
        "400",
        "401",
        "409",
        "413",
        "415",
        "422",
        "429",
        "503",
    }
    assert [p["name"] for p in create["parameters"]] == ["Idempotency-Key"]
    board = doc["paths"]["/leaderboard"]["get"]
    period = next(p for p in board["parameters"] if p["name"] == "period")
    assert period["schema"]["enum"] == ["week", "month", "all"]
    assert set(doc["paths"]["/users"]["post"]["responses"]) >= {"403", "409"}
    assert "security" not in doc["paths"]["/health"]["get"]
    assert set(doc["paths"]["/health"]["get"]["responses"]) == {"200", "400", "503"}


@pytest.mark.parametrize("share_id", ["0", str(2**63), "9" * 30, "-1", "x"])
def test_a_path_id_the_database_cannot_hold_is_no_route(client, auth, share_id):
    answer = client.delete(f"/api/v1/shares/{share_id}", headers=auth)
    assert answer.status_code == 404 and answer.get_json()["error"]["code"] == "not_found"


def test_roles_in_the_contract_are_the_servers(doc):
    schema = doc["components"]["schemas"]["user-create.request"]
    assert tuple(schema["properties"]["role"]["enum"]) == ROLES


def test_an_answer_that_breaks_its_schema_is_caught(app, client, auth, monkeypatch):
    from firsthand.api import health

    monkeypatch.setattr(health, "__version__", 42)  # not a string: breaks health.response
    client.get("/api/v1/health")
    client.get("/api/v1/me", headers=auth)
    found, VIOLATIONS[:] = list(VIOLATIONS), []
    assert len(found) == 1 and "GET /api/v1/health answered 200: breaks health.response" in found[0]


def test_an_undeclared_status_is_caught(app, client, auth, monkeypatch):
    from firsthand.api import contract

    monkeypatch.setattr(contract.Operation, "answers", lambda self: {200: "me.response"})
    assert client.get("/api/v1/me").status_code == 401
    found, VIOLATIONS[:] = list(VIOLATIONS), []
    assert len(found) == 1 and "status not declared" in found[0]


def test_every_id_route_answers_404_for_an_id_past_the_database_whatever_the_method(
    app, client, auth
):
    """werkzeug counts a rule's methods before converting its ids, so a bound checked only
    in to_python turned PATCH /stories/<2^63> into a 405 (the GET rule had "matched")."""
    routes = [
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        if any(isinstance(c, IdConverter) for c in rule._converters.values())
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]
    assert len(routes) >= 30  # the API's and the console's
    for path, method in routes:
        for bad in (str(2**63), "9223372036854775900", "0", "007"):
            url = re.sub(r"<id:\w+>", bad, path)
            answer = client.open(url, method=method, headers=auth, json={})
            assert answer.status_code == 404, (method, url, answer.status_code)
            if path.startswith(API_PREFIX):
                assert answer.get_json()["error"]["code"] == "not_found", (method, url)
