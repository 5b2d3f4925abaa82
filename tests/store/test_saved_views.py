"""Saved views live in the store: they travel with a copied file and in the JSON export."""

import json
import shutil

import pytest

from explorer.domain.views import SavedView, ViewError
from explorer.store import Store
from explorer.store.errors import ImportRejected, StoreError
from explorer.store.export import export_to_path
from explorer.store.importing import import_events
from explorer.store.saved_views import delete_view, list_views, rename_view, save_view

VIEW = SavedView(
    "Warsaw 2016",
    16900.0,
    17100.5,
    ("meetings", "funds"),
    ("summit",),
    "warsaw",
    "warsaw-summit-2016",
)


def test_save_list_rename_delete(tmp_path):
    with Store(tmp_path / "s.sqlite3") as store:
        assert list_views(store) == []
        assert save_view(store, VIEW) is False
        assert save_view(store, VIEW) is True  # the same name replaces
        assert list_views(store) == [VIEW]
        save_view(store, SavedView("Another", 1.0, 2.0))
        with pytest.raises(StoreError, match="already a view named 'Another'"):
            rename_view(store, "Warsaw 2016", "Another")
        rename_view(store, "Warsaw 2016", "Summit year")
        assert [v.name for v in list_views(store)] == ["Another", "Summit year"]
        delete_view(store, "Another")
        assert [v.name for v in list_views(store)] == ["Summit year"]


def test_views_travel_with_a_copied_store_and_in_the_json_export(tmp_path):
    with Store(tmp_path / "s.sqlite3") as store:
        save_view(store, VIEW)
    shutil.copy(tmp_path / "s.sqlite3", tmp_path / "copy.sqlite3")
    with Store(tmp_path / "copy.sqlite3") as copy:
        assert list_views(copy) == [VIEW]
        export_to_path(copy, tmp_path / "out.json")
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert data["format_version"] == 1  # an older reader passes over "views"
    assert [SavedView.from_json(v) for v in data["views"]] == [VIEW]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"range": [5, 1]}, "range"),
        ({"lanes": ["nope"]}, "lanes"),
        ({"name": " "}, "name"),
        ({"kinds": "summit"}, "kinds"),
    ],
)
def test_a_malformed_view_names_its_field(change, field):
    with pytest.raises(ViewError) as caught:
        SavedView.from_json({**VIEW.to_json(), **change})
    assert caught.value.field == field


def test_views_come_back_with_an_import_all_or_nothing(tmp_path):
    with Store(tmp_path / "s.sqlite3") as store:
        save_view(store, VIEW)
        export_to_path(store, tmp_path / "out.json")
    with Store(tmp_path / "copy.sqlite3") as copy:
        import_events(copy, tmp_path / "out.json")
        assert list_views(copy) == [VIEW]
        export_to_path(copy, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == (tmp_path / "out.json").read_bytes()
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    data["views"][0]["range"] = [3, 1]
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    with Store(tmp_path / "third.sqlite3") as third:
        with pytest.raises(ImportRejected, match=r"bad.json, field 'views\[0\].range'"):
            import_events(third, tmp_path / "bad.json")
        assert third.count() == 0 and list_views(third) == []
