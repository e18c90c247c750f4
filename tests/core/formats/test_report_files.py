"""One collector of report files: the importer and 雷同比对 take the same files from a folder."""

from __future__ import annotations

from app.core.check.source import read_sources
from app.core.formats.reader import report_files
from app.core.phrases.classify import Classifier
from app.core.phrases.importer import import_paths
from app.core.phrases.library import open_library

REPORT = "对照检查材料\n一、存在的问题\n（一）理论学习方面\n一是学习不够系统深入，满足于读原文、记笔记，联系实际思考不够。\n"


def _folder(tmp_path):
    folder = tmp_path / "往年材料"
    (folder / "2025").mkdir(parents=True)
    for name in ("甲.txt", "~$甲.docx", ".乙.txt", "说明.md", "2025/丙.txt"):
        (folder / name).write_text(REPORT, encoding="utf-8")
    return folder


def test_folders_give_reports_only_sorted_without_lock_or_hidden_files(tmp_path):
    folder = _folder(tmp_path)
    assert report_files([folder]) == [folder / "2025" / "丙.txt", folder / "甲.txt"]
    assert report_files([folder, folder / "甲.txt"]) == report_files([folder])  # no repeats
    assert report_files([folder], exclude=folder / "甲.txt") == [folder / "2025" / "丙.txt"]
    assert report_files([folder / "说明.md"]) == [folder / "说明.md"]  # named: kept, refused on open


def test_importer_and_similarity_read_the_same_files(loaded_services, tmp_path):
    folder = _folder(tmp_path)
    names, errors = read_sources([folder])
    assert [name for name, _ in names] == ["丙.txt", "甲.txt"] and not errors
    clf = Classifier(loaded_services.classifier, loaded_services.index)
    report = import_paths([folder], open_library(tmp_path / "home"), [], loaded_services.templates, clf)
    assert report.files == report.read == 2  # the hidden .乙.txt is not imported
