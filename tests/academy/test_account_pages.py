"""The account pages in the site's own look and Japanese, one word for logging in, a favicon
and the school's name as a logo in the header."""

from django.contrib.staticfiles import finders
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import UserFactory


def page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def test_login_page_is_ours_and_says_how_to_get_in(db):
    body = page(Client(), "account_login")
    assert 'class="site-header"' in body and 'class="account-form"' in body
    assert "ログイン" in body and "サインイン" not in body
    assert "ユーザー登録" not in body and reverse("account_signup") not in body
    assert "招待メール" in body and "事務局" in body
    assert reverse("account_reset_password") in body


def test_labels_have_no_colons_and_the_remember_me_target_is_large(db):
    body = page(Client(), "account_login")
    assert ">メールアドレス</label>" in body
    assert "Eメール" not in body and "メールアドレス:" not in body and "パスワード:" not in body
    assert 'class="check"' in body  # the remember-me label is the 44 px target (site.css)
    with open(finders.find("css/site.css"), encoding="utf-8") as sheet:
        css = sheet.read()
    assert "label.check" in css and "min-height: 44px" in css


def test_the_header_says_login_and_logout_never_signin(db):
    assert "サインイン" not in page(Client(), "account_reset_password")
    user = UserFactory(display_name="佐藤 健太")
    body = page(client_for(user), "cohorts:dashboard")
    assert "ログアウト" in body and "サインイン" not in body and "サインアウト" not in body
    assert "佐藤 健太さんがログイン中" in body


def test_reset_done_says_it_once_and_links_to_login(db):
    UserFactory(email="known@example.com")
    client = Client()
    response = client.post(
        reverse("account_reset_password"), {"email": "known@example.com"}, follow=True
    )
    body = response.content.decode()
    assert body.count("新しいパスワードを設定するためのリンクをお送りしました") == 1
    assert f'href="{reverse("account_login")}"' in body
    assert len(mail.outbox) == 1


def test_password_change_and_logout_pages_are_in_japanese(db):
    client = client_for(UserFactory())
    body = page(client, "account_change_password")
    assert "パスワードの変更" in body and 'class="account-form"' in body
    assert "ログアウトしますか" in page(client, "account_logout")


def test_signup_closed_explains_how_to_get_in(db):
    response = Client().get(reverse("account_signup"))
    body = response.content.decode()
    assert "招待メール" in body and "ユーザー登録停止中" not in body


def test_favicon_and_logo(db):
    body = page(Client(), "account_login")
    for name in ("favicon.svg", "favicon.ico", "apple-touch-icon.png", "logo.svg"):
        assert finders.find(name), name
        assert name in body
    assert 'rel="icon"' in body and 'class="brand-mark"' in body
    with open(finders.find("favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file


def test_the_email_page_is_ours_without_label_colons(db):
    body = page(client_for(UserFactory(email="me@example.com")), "account_email")
    assert "me@example.com" in body and 'class="account-form"' in body
    assert "Eメール" not in body and "メールアドレス:" not in body
