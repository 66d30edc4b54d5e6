"""VAPID keys: from settings, else made once under var/ (mode 0600); `mps push keys`; the contact address."""
from __future__ import annotations

import dataclasses
import stat

import pytest

from mps.cli import main
from mps.domain.reminders.keys import KEY_FILE, generate_private_pem, load_keys, vapid_subject
from mps.lib.errors import UserFacingError
from mps.settings import MailSettings, PushSettings, load_settings


def settings(tmp_path, **push):
    base = load_settings()
    mail = MailSettings(host=None, port=25, username=None, password=None, use_tls=False,
                        sender="MonProjetSup <ne-pas-repondre@monprojetsup.fr>")
    return dataclasses.replace(base, paths=dataclasses.replace(base.paths, var_dir=tmp_path),
                               push=PushSettings(**push), base_url=None, mail=mail)


def test_embedded_default_makes_one_private_key_and_keeps_it(tmp_path):
    first = load_keys(settings(tmp_path))
    path = tmp_path / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_keys(settings(tmp_path)) == first  # the same key on every start: devices stay subscribed
    assert len(first.application_server_key) == 87


def test_key_from_settings_as_text_or_file(tmp_path):
    pem = generate_private_pem()
    from_text = load_keys(settings(tmp_path, vapid_private_key=pem))
    (tmp_path / "k.pem").write_text(pem)
    assert load_keys(settings(tmp_path, vapid_private_key=str(tmp_path / "k.pem"))) == from_text
    assert not (tmp_path / KEY_FILE).exists()
    with pytest.raises(UserFacingError):
        load_keys(settings(tmp_path, vapid_private_key="-----BEGIN PRIVATE KEY-----\nnope\n"))


def test_push_keys_command(tmp_path, capsys):
    out = tmp_path / "vapid.pem"
    assert main(["push", "keys", "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and "BEGIN PRIVATE KEY" in out.read_text()
    printed = capsys.readouterr().out
    assert load_keys(settings(tmp_path, vapid_private_key=str(out))).application_server_key in printed
    assert main(["push", "keys"]) == 0
    assert "BEGIN PRIVATE KEY" in capsys.readouterr().out
    with pytest.raises(FileExistsError):  # never over an existing key
        main(["push", "keys", "--out", str(out)])


def test_subject_defaults_to_a_real_contact(tmp_path):
    s = settings(tmp_path)
    assert vapid_subject(s) == "mailto:ne-pas-repondre@monprojetsup.fr"
    assert vapid_subject(dataclasses.replace(s, base_url="https://monprojetsup.fr/")) == "https://monprojetsup.fr"
    assert vapid_subject(dataclasses.replace(s, push=PushSettings(vapid_subject="mailto:dpo@education.gouv.fr"))) \
        == "mailto:dpo@education.gouv.fr"
    local_mail = dataclasses.replace(s, mail=dataclasses.replace(s.mail, sender="MPS <root@localhost>"))
    with pytest.raises(UserFacingError):
        vapid_subject(local_mail)
