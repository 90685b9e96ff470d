"""The extraction engine: one article's text in, its casualty figures, reports and attribution notes out.

It reads as a coder does (docs/codebook.md): find the sentences that speak of deaths or injuries, read each
number phrase with its qualifier and the noun it counts, tie it to the outcome word that governs it, split
totals into victim groups, then give each report its kind, period or day, place, perpetrator and source,
carrying context across sentences. Only sentences with an outcome word are read closely.

The stages, in the order they run (each a module of this package):

1. `text`        sentences (with paragraphs) and tokens
2. `numbers`     whole numbers and number phrases with their qualifier ("at least 20", "dozens")
3. `chunks`      a number phrase with the noun it counts; the outcome words of a sentence
4. `linking`     each count tied to its outcome word (`read_sentence`), context filters
   `victims`     special readings: named victims, objects without a number, attackers killed...
   `named`, `not_counts`, `attackers`, `lists`, `anaphora`: helpers of chunks/linking/victims (named people
                 and pairs, ages and years, attackers among the dead, lists with an inclusion, people told again)
5. `partition`   coordination, inclusions ("including three children"), a total split into victim groups
6. `attribution` source and perpetrator of a report
   `notes`       attribution notes: who blames, claims or denies (actors from etl/actors.py)
7. `time`        kind (incident or period total) and day or period
8. `place`       country and place
9. `consolidate` one report per quantity in an article
   `article`     the composition: `extract_article`
   `context`     article and sentence filters from context.csv (armed violence only, background clauses)
   `violence`    whether the headline tells of armed violence (context.csv cues conflict, proceedings, crime)
   `numeric_dates` numeric dates ("03/11/2024") for etl/dates.py, by the orders of conventions/dates.csv
   `report`      the `Report` dataclass every stage after assembly works on
   `rules`       the registry of named rules (`rule_table` lists them): ids, purposes, examples, switches
   `words`       the closed word lists the stages read by (etl/conventions/words.csv)
"""

from __future__ import annotations

from .article import ArticleResult, extract_article
from .text import sentence_spans, tokenize

__all__ = ["ArticleResult", "extract_article", "sentence_spans", "tokenize"]
