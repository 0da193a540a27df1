def test_admin_invites_an_employee(client, make_user):
    _, admin = make_user(role="admin")
    response = client.post(
        "/api/v1/users",
        json={"email": "new@example.com", "name": "New", "team": "Ops"},
        headers=admin,
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["user"]["role"] == "employee" and body["user"]["team"] == "Ops"
    assert "/connect?invite=" in body["connect_link"]


def test_employee_cannot_invite(client, auth):
    response = client.post(
        "/api/v1/users", json={"email": "x@example.com", "name": "X"}, headers=auth
    )
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"


def test_duplicate_invite_is_409_and_says_how_to_reconnect(client, make_user):
    _, admin = make_user(role="admin")
    body = {"email": "dup@example.com", "name": "Dup"}
    assert client.post("/api/v1/users", json=body, headers=admin).status_code == 201
    again = client.post("/api/v1/users", json={**body, "email": "DUP@example.com"}, headers=admin)
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "email_taken"
    # A retried invite whose answer was lost says how to reach the person's connect link.
    assert "New connect link" in again.get_json()["error"]["message"]
