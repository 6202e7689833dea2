"""The plugin's page cache: a second `mkdocs build` takes converted pages from it and writes the
same site byte for byte."""

from pathlib import Path

from tests.conftest import copy_project, mkdocs_build


def site_files(project: Path) -> dict[str, bytes]:
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_second_build_reuses_converted_pages_and_writes_the_same_site(tmp_path):
    copy_project(tmp_path)
    first_log = mkdocs_build(tmp_path)
    first = site_files(tmp_path)
    second_log = mkdocs_build(tmp_path)
    assert "0 from the page cache" in first_log
    pages = sum(1 for name in first if name.endswith(".html") and name != "404.html")
    assert f"0 pages converted, {pages} from the page cache" in second_log
    assert site_files(tmp_path) == first
