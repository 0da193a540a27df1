"""Draft analysis: voice, topic, language and personal angles, in memory only.

Nothing here stores or logs the text: callers get a verdict and drop the draft.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import fingerprint
from .angles import pick_angles
from .language import ENGLISH, SHORT_BELOW_WORDS, LanguageModel
from .scan import check_bounded
from .text import prepare
from .topic import UNCLEAR, TopicModel
from .voice import VoiceJudge, compile_signals

NO_CLONE = {"is_clone": False, "similarity": 0.0, "matches": 0}
CloneLookup = Callable[[list[int]], dict]


@dataclass(frozen=True)
class Analyzer:
    languages: dict[str, dict]
    language: LanguageModel
    judge: VoiceJudge
    topics: TopicModel
    angles: dict

    @classmethod
    def load(cls, data_dir: str | Path) -> Analyzer:
        """Read the phrase lists, weights, topic concepts and model, angles from the data folder.

        Compiled once per folder and file version: app factories may run often (tests,
        workers) and the regular expressions take a moment to build.
        """
        folder = Path(data_dir).resolve() / "suggestions"
        stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.json")))
        return cls._load(folder, stamp)

    @classmethod
    @lru_cache(maxsize=8)
    def _load(cls, folder: Path, _stamp: tuple) -> Analyzer:

        def read(name: str) -> dict:
            return json.loads((folder / name).read_text(encoding="utf-8"))

        languages = {k: v for k, v in read("languages.json").items() if not k.startswith("$")}
        codes = list(languages)
        # The learned blend of the voice's cues is optional: without it, rules + wording lean.
        weights = read("voice_weights.json") if (folder / "voice_weights.json").exists() else None
        judge = VoiceJudge(
            compile_signals(read("voice_signals.json"), codes),
            read("voice_model.json"),
            languages,
            weights,
        )
        topics = TopicModel(read("topics.json"), read("topic_model.json"))
        language = LanguageModel(read("language_model.json"))
        angles = read("angles.json")
        cases = angles.get("cases", {}).values()
        listed = [
            *angles.get("gap_patterns", {}).values(),
            *(case[part] for case in cases for part in ("when", "unless") if part in case),
            *(a["skip_when_patterns"] for a in angles["angles"] if "skip_when_patterns" in a),
        ]
        for by_lang in listed:  # (the voice's: in Scanner)
            for pattern in (p for patterns in by_lang.values() for p in patterns):
                check_bounded(pattern)
        return cls(languages, language, judge, topics, angles)

    def analyze(
        self,
        text: str,
        lang: str | None = None,
        clone_lookup: CloneLookup | None = None,
        reader: Callable[[], str | None] | None = None,
    ) -> dict:
        """Return voice, topic, language, angles and the clone check for a draft.

        A draft clearly in none of the six languages (no `lang` given) is answered in the
        reader's language (`reader()`, asked only then; else English) with an unclear topic:
        its words are read as if in another language, so a topic would be a guess, and only
        tips that fit any post fit."""
        draft = prepare(text)
        foreign = not lang and self.language.unsupported(draft)
        if foreign:
            preferred = reader() if reader else None
            lang = preferred if preferred in self.languages else ENGLISH
        elif not lang:
            # A few words may not tell their language ("Montag."): the reader's then, where
            # the words cannot tell it apart (language.detect). Tested for another language
            # first: a Chinese post is "one word" between its stops, and was read as English.
            short = len(draft.words) + len(draft.hashtags) < SHORT_BELOW_WORDS
            lang = self.language.detect(draft, reader() if reader and short else None)
        clone = dict(NO_CLONE)
        if clone_lookup is not None:
            clone = clone_lookup(fingerprint.sketch(draft.prose))
        topic, wording = self.topics.read(draft)
        if foreign:
            topic = {**topic, "id": UNCLEAR, "label": self.topics.labels[UNCLEAR]}
        voice = self.judge.judge(draft, lang, is_clone=clone["is_clone"], wording=wording)
        angles = pick_angles(
            self.angles, topic["id"], voice, lang, len(draft.hashtags), draft.words, draft.prose
        )
        return {
            "voice": voice,
            "topic": topic,
            "lang": lang,
            "language_supported": not foreign,
            "angles": angles,
            "clone": clone,
        }
