"""A profile step's form posted as the page posts it."""


def post_step(client, step, data):
    """The /profil/<step> form with the CSRF token of the client's cookie, the redirect not followed."""
    data = {**data, "_csrf_token": client.cookies.get("mps_csrftoken", "")}
    return client.post(f"/profil/{step}", data=data, follow_redirects=False)
