"""The one atomic writer: permissions as a shell redirect gives, fsync before rename, devices kept."""

from __future__ import annotations

import os
import stat

import pytest

from bulletin_nlp import atomic
from bulletin_nlp.errors import OutputError
from conftest import ROOT

SAMPLE = ROOT / "data" / "sample-bulletin.txt"


@pytest.fixture
def umask():
    """Set the process umask for one test and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield lambda mask: os.umask(mask)
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_file_gets_the_umask_mode(tmp_path, umask, mask, expected):
    umask(mask)
    target = tmp_path / "out.txt"
    atomic.write_text(target, "市人大常委会\n")
    assert mode(target) == expected
    assert target.read_text(encoding="utf-8") == "市人大常委会\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_replaced_file_keeps_its_mode(tmp_path, umask):
    umask(0o022)
    target = tmp_path / "shared.csv"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o640)
    atomic.write_text(target, "a,b\r\n", bom=True)
    assert mode(target) == 0o640
    assert target.read_bytes() == b"\xef\xbb\xbfa,b\r\n"


def test_fsync_before_rename(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    atomic.write_bytes(tmp_path / "model.skops", b"PK\x03\x04")
    assert calls[:2] == ["fsync", "replace"]


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    target.write_text("{}\n", encoding="utf-8")

    def full_disk(a, b):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OutputError) as e:
        atomic.write_text(target, '{"documents": []}\n')
    assert str(e.value) == f"{target}: cannot write (No space left on device)"
    assert target.read_text(encoding="utf-8") == "{}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_missing_folder_is_one_line(tmp_path):
    target = tmp_path / "no" / "such" / "out.txt"
    with pytest.raises(OutputError, match=r": cannot write \(No such file or directory\)$"):
        atomic.write_text(target, "x")


def test_fifo_is_written_into(tmp_path):
    import subprocess
    import sys

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(
        [sys.executable, "-c", f"print(open({str(fifo)!r}, 'rb').read().decode())"], stdout=subprocess.PIPE, text=True
    )
    atomic.write_text(fifo, "直接写入")
    assert reader.communicate(timeout=30)[0].strip() == "直接写入"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_every_file_bnlp_writes_gets_the_redirect_mode(tmp_path, umask, run_cli):
    """Output files, HTML reports, IDF tables and model files: 0o644 under umask 022, not 0o600."""
    umask(0o022)
    out, html, idf = tmp_path / "items.json", tmp_path / "report.html", tmp_path / "idf.txt"
    assert run_cli(["segment", SAMPLE, "-o", out])[0] == 0
    assert run_cli(["report", SAMPLE, "--html", html, "-q"])[0] == 0
    assert run_cli(["idf", "build", SAMPLE, "-o", idf, "-q"])[0] == 0
    labeled = tmp_path / "labels.tsv"
    labeled.write_text(
        "立法\t市人大常委会审议通过物业管理条例修正案草案\n"
        "立法\t常委会组成人员分组审议地方性法规草案并提出修改意见\n"
        "监督\t县人大常委会对道路交通安全法实施情况开展执法检查\n"
        "监督\t常委会听取审议政府关于生态环境保护工作情况的报告\n",
        encoding="utf-8",
    )
    model = tmp_path / "m.skops"
    code, _, err = run_cli(["train", labeled, "-o", model, "-q"])
    assert code == 0, err
    for path in (out, html, idf, model):
        assert mode(path) == 0o644, path
    assert {p.name for p in tmp_path.iterdir()} == {"items.json", "report.html", "idf.txt", "labels.tsv", "m.skops"}
