import stat

from firsthand import create_app


def test_health_reports_version_and_backend(client, db_url):
    body = client.get("/api/v1/health").get_json()
    assert body["status"] == "ok"
    assert body["version"] == "0.1.0"
    assert body["database"] == ("sqlite" if db_url.startswith("sqlite") else "postgresql")


def test_secret_key_is_generated_once_with_private_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("FIRSTHAND_SECRET_KEY", raising=False)
    first = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/a.db"}).config["SECRET_KEYS"]
    second = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/a.db"}).config["SECRET_KEYS"]
    assert first == second and len(first[0]) > 40
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_secret_key_list_is_newest_first_in_env(tmp_path, monkeypatch):
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("FIRSTHAND_SECRET_KEY", "new-key, old-key")
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/a.db"})
    assert app.config["SECRET_KEYS"] == ["old-key", "new-key"]  # itsdangerous: oldest first
    assert not (tmp_path / "secret_key").exists()


def test_defaults(tmp_path, monkeypatch):
    for name in ("FIRSTHAND_DATABASE_URL", "FIRSTHAND_PUBLIC_URL", "FIRSTHAND_TOKEN_MAX_AGE_DAYS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path))
    app = create_app()
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path}/firsthand.db"
    assert app.config["PUBLIC_URL"] == "http://127.0.0.1:5000"
    assert app.config["TOKEN_MAX_AGE_DAYS"] == 90


def test_sqlite_runs_in_wal_mode_with_foreign_keys(app, db_url):
    if not db_url.startswith("sqlite"):
        return
    from firsthand.db import database

    with database.connection_context():
        assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_cors_allows_extension_origins_only(client, auth):
    chrome_id = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
    ok = client.get("/api/v1/me", headers={**auth, "Origin": chrome_id})
    assert ok.headers["Access-Control-Allow-Origin"] == chrome_id
    firefox_id = "moz-extension://0b6f2c1e-6a3d-4c1e-9f3a-2b8d7c6e5f41"
    firefox = client.get("/api/v1/me", headers={**auth, "Origin": firefox_id})
    assert firefox.headers["Access-Control-Allow-Origin"] == firefox_id
    evil = client.get("/api/v1/me", headers={**auth, "Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in evil.headers


def vary(answer) -> set[str]:
    lines = answer.headers.getlist("Vary")
    return {v.strip().lower() for line in lines for v in line.split(",") if v.strip()}


def test_every_api_answer_varies_by_origin(client, auth):
    # A hunt found Vary: Origin only on answers to an allowed origin (flask-cors adds it
    # then): a shared cache could keep an answer without CORS headers and hand it to the
    # extension, whose request it would then refuse.
    chrome_id = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
    answers = [
        client.get("/api/v1/me", headers={**auth, "Origin": "https://evil.example"}),
        client.get("/api/v1/me", headers=auth),
        client.get("/api/v1/me", headers={**auth, "Origin": chrome_id}),
        client.get("/api/v1/health"),
        client.get("/api/v1/openapi.json", headers={"Origin": "https://evil.example"}),
        client.get("/api/v1/nowhere"),
        client.post("/api/v1/shares", json={}, headers=auth),
    ]
    assert all("origin" in vary(a) for a in answers), [a.headers.get("Vary") for a in answers]
    # One Vary header naming Origin once (flask-cors added a second beside Accept-Language).
    assert answers[2].headers.getlist("Vary") == ["Accept-Language, Origin"]


def test_authenticated_api_answers_are_not_stored_by_caches(client, auth):
    # GET /api/v1/me carried no caching header: a cache could keep one person's points,
    # shares and name and serve them again.
    for answer in (
        client.get("/api/v1/me", headers=auth),
        client.get("/api/v1/shares", headers=auth),
        client.get("/api/v1/leaderboard", headers=auth),
        client.post("/api/v1/shares", json={}, headers=auth),  # a refusal too
        client.get("/api/v1/me", headers={"Authorization": "Bearer not-a-token"}),
    ):
        assert answer.headers.get("Cache-Control") == "no-store", answer.status_code
    # What is the same for everyone keeps its own (or no) caching.
    assert "no-store" not in client.get("/api/v1/openapi.json").headers.get("Cache-Control", "")
    assert "no-store" not in client.get("/badges/images/first-share.svg").headers["Cache-Control"]


def test_cors_preflight_allows_idempotency_key(client):
    preflight = client.options(
        "/api/v1/shares",
        headers={
            "Origin": "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type, idempotency-key",
        },
    )
    allowed = preflight.headers["Access-Control-Allow-Headers"].lower()
    assert "idempotency-key" in allowed and "authorization" in allowed


def test_extra_cors_origin_from_env(tmp_path, monkeypatch):
    monkeypatch.setenv("FIRSTHAND_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("FIRSTHAND_CORS_ORIGINS", "https://intranet.example")
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/a.db"})
    answer = app.test_client().get(
        "/api/v1/openapi.json", headers={"Origin": "https://intranet.example"}
    )
    assert answer.headers["Access-Control-Allow-Origin"] == "https://intranet.example"
