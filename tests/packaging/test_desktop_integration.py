"""The app's identity on the desktop: icons generated from the SVG, desktop file, metainfo, workflow."""

import configparser
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml

from explorer.locations import APP_ID, resource_path

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
DESKTOP = ROOT / "resources" / "desktop" / f"{APP_ID}.desktop"
METAINFO = ROOT / "resources" / "desktop" / f"{APP_ID}.metainfo.xml"
MAKE_ICONS = ROOT / "resources" / "packaging" / "make_icons.py"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
SCHEMA = Path(__file__).with_name("github-workflow.schema.json")


def make_icons(*args):
    return subprocess.run(
        [sys.executable, str(MAKE_ICONS), *map(str, args)], capture_output=True, text=True
    )


def test_generated_icons_match_the_svg():
    result = make_icons("--check")
    assert result.returncode == 0, result.stderr


def test_icon_check_notices_an_edited_svg(tmp_path):
    icons = tmp_path / "icons"
    shutil.copytree(ICONS, icons)
    svg = icons / f"{APP_ID}.svg"
    svg.write_text(svg.read_text().replace("#f26b3a", "#00ff00"))
    result = make_icons("--check", "--icons", icons)
    assert result.returncode == 1
    assert f"{APP_ID}-512.png" in result.stderr and f"{APP_ID}.icns" in result.stderr
    assert make_icons("--icons", icons).returncode == 0  # regenerating brings them up to date
    assert make_icons("--check", "--icons", icons).returncode == 0


def test_icon_files_hold_every_size():
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        assert (ICONS / f"{APP_ID}-{size}.png").read_bytes()[1:4] == b"PNG"
    ico = (ICONS / f"{APP_ID}.ico").read_bytes()
    count = int.from_bytes(ico[4:6], "little")
    assert sorted(ico[6 + 16 * i] or 256 for i in range(count)) == [16, 24, 32, 48, 64, 256]
    assert (ICONS / f"{APP_ID}.icns").read_bytes()[:4] == b"icns"
    assert resource_path("icons", f"{APP_ID}.svg").is_file()  # the window icon the app loads


def test_desktop_file_names_the_app_and_its_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Name"] == "Timeline Explorer"
    assert section["Exec"] == "timeline-explorer"
    assert section["Icon"] == APP_ID
    assert section["Terminal"] == "false"


def test_metainfo_names_the_app_a_screenshot_and_a_release():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    image = root.find("screenshots/screenshot/image")
    assert image is not None and image.text.startswith("https://")
    assert image.text.endswith("resources/screenshots/main-window.png")
    from explorer import __version__

    assert root.find("releases/release").get("version") == __version__


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_desktop_file_validates():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == "", result.stdout


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream")
def test_metainfo_validates():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def load_workflow(text: str) -> dict:
    data = yaml.safe_load(text)
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def workflow_errors(workflow: dict) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(workflow)]


def test_release_workflow_matches_the_workflow_schema():
    jsonschema.Draft7Validator.check_schema(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert workflow_errors(load_workflow(WORKFLOW.read_text(encoding="utf-8"))) == []


def test_schema_rejects_a_misspelt_workflow():
    text = WORKFLOW.read_text(encoding="utf-8").replace("runs-on: windows", "run-on: windows", 1)
    assert workflow_errors(load_workflow(text))


def test_release_workflow_builds_and_self_tests_every_system():
    workflow = load_workflow(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["on"]["push"]["tags"]
    jobs = workflow["jobs"]
    assert jobs["linux"]["runs-on"] == "ubuntu-22.04"  # the oldest Ubuntu runner offered
    for job in ("linux", "windows", "macos"):
        scripts = "\n".join(step.get("run", "") for step in jobs[job]["steps"])
        assert "resources/packaging/build.py" in scripts
        assert "--self-test-report" in scripts
    assert set(jobs["release"]["needs"]) == {"linux", "windows", "macos"}
