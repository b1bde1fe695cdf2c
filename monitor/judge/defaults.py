"""The judge's default thresholds (the configuration's defaults too), apart from the matcher so
that reading the configuration does not load it."""

from __future__ import annotations

# Score 0-100 (estimated chance x 100) at or above which a match is evidence; chosen by
# cross-validation grouped by claim (scripts/crossval.py).
DEFAULT_MATCH_THRESHOLD: float = 27.0
# At or above this (below the match threshold): a candidate for a person to review.
DEFAULT_REVIEW_THRESHOLD: float = 10.0
# With semantic matching on, the sentence model reads a headline when its best claim scores at
# least this on words alone (or it is in a language none of the claims is written in): 0 reads
# every headline with a lexical candidate, higher values fewer (faster, a little less accurate).
DEFAULT_SEMANTIC_GATE: float = 15.0
