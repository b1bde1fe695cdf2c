"""One BLAS thread per process: imported before numpy by every judge module that uses it.

Setting the environment only works before numpy loads OpenBLAS. The judge's matrices (a feed's
headlines against the claims, the sentence models' layers) are too small for a second thread to
pay, and the machine's other cores are parsing. With OpenBLAS's default of one thread per core,
its threads spun against the parse workers and more than doubled the service's CPU per feed
(bench/ingest.py, 2026-12-06). ``semantic`` also sets it through threadpoolctl, for a process
that imported numpy first.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
