"""The presslens command: extract end to end on the seed, exit statuses, errors."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from analysis.cli import main
from analysis.paths import PROJECT_DIR, SEEDS_DIR
from analysis.tables import COLUMNS


def test_extract_seed_writes_every_table(tmp_path, cache_dir):
    assert main(["extract", str(SEEDS_DIR), "--out", str(tmp_path), "--quiet"]) == 0
    for name, columns in COLUMNS.items():
        frame = pd.read_csv(tmp_path / f"{name}.csv")
        assert list(frame.columns[: len(columns)]) == columns
    row = pd.read_csv(tmp_path / "articles.csv").iloc[0]
    assert (row["article_id"], row["date"], row["dateline"], row["n_paragraphs"]) == (
        "000_8e996adc80db6a17", "2021-04-06", "ISLAMABAD", 11)


def test_nothing_processed_exits_non_zero(tmp_path, cache_dir, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    assert main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    assert "empty.txt: load: empty file" in capsys.readouterr().err
    assert pd.read_csv(tmp_path / "out" / "errors.csv")["article_id"].tolist() == ["empty"]


def test_strict_makes_a_bad_article_fatal(tmp_path, cache_dir, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "ok.txt").write_text("The mayor opened the bridge.", encoding="utf-8")
    assert main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--strict"]) == 2
    assert "empty.txt: empty file" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_missing_input_is_a_clear_error(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "nope: no such file or folder" in capsys.readouterr().err


def test_unknown_run_parameter_fails_before_running(tmp_path, capsys):
    assert main(["run", "-p", "corpse=seeds", "--out", str(tmp_path / "r")]) == 2
    assert "unknown parameter 'corpse'" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_python_dash_m_is_the_same_program():
    done = subprocess.run([sys.executable, "-m", "analysis", "--help"], capture_output=True, text=True, cwd=PROJECT_DIR)
    assert done.returncode == 0 and "extract" in done.stdout and "run" in done.stdout
