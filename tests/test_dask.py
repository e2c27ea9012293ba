"""The Dask engine writes the same tables as the local one (LocalCluster on loopback)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import extract
from analysis.paths import SEEDS_DIR

pytest.importorskip("distributed", reason="the Dask engine is an extra: pip install presslens[dask]")


def test_dask_engine_matches_local_engine(tmp_path, cache_dir):
    for name, city in [("a", "Lyon"), ("b", "Nantes"), ("c", "Metz")]:
        (tmp_path / f"{name}.txt").write_text(
            f"Mayor Ana Ruiz opened the bridge in {city} on Monday.\n\n\u201cIt is a good day,\u201d Ruiz said.\n",
            encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    inputs = [tmp_path, SEEDS_DIR]
    local = extract(inputs, cache=False)
    distributed = extract(inputs, cache=False, engine="dask", batch_size=1)
    assert len(local.articles) == 4 and local.errors["article_id"].tolist() == ["empty"]
    for name, frame in local.tables().items():
        pd.testing.assert_frame_equal(frame, distributed.tables()[name], obj=name)


def test_unknown_engine():
    with pytest.raises(ValueError, match="engine = 'spark' is invalid"):
        extract(SEEDS_DIR, engine="spark")
