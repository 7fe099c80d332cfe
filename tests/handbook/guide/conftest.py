"""Guide fixtures: the session content database seen on a fixed day, and composed guides."""

from __future__ import annotations

from datetime import date

import pytest

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="session")
def hb(built_db, tmp_path_factory):
    from handbook.service import Handbook
    from handbook.store import Store

    return Handbook(Store(built_db), today=TODAY, user_db_path=tmp_path_factory.mktemp("user") / "user.sqlite")


@pytest.fixture(scope="session")
def hydrogen(hb):
    from handbook.guide import compose

    return compose(hb, "氢能", "伊金霍洛旗", organisation="伊金霍洛旗招商服务中心", contact="0477-1234567")


@pytest.fixture(scope="session")
def hydrogen_pdf(hydrogen, tmp_path_factory):
    from handbook.guide import render

    path = tmp_path_factory.mktemp("guide") / "hydrogen.pdf"
    return path, render(hydrogen, path)
