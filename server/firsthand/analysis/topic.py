"""What a draft is about, from weighted cue phrases per topic and language."""

from __future__ import annotations

from .scan import Scanner
from .text import Draft


class TopicClassifier:
    """Scores every topic in one pass over the lowercased draft per language."""

    def __init__(self, spec: dict, languages: list[str]) -> None:
        self.default = spec["default"]
        self.labels = {topic: data["label"] for topic, data in spec["topics"].items()}
        self.cue_topic: dict[str, tuple[str, float]] = {}  # group name -> (topic, weight)
        per_lang: dict[str, list[tuple[str, float, list[str]]]] = {lang: [] for lang in languages}
        for t_index, (topic, data) in enumerate(spec["topics"].items()):
            for c_index, cue in enumerate(data["cues"]):
                gid = f"t{t_index}c{c_index}"
                self.cue_topic[gid] = (topic, float(cue["weight"]))
                for lang in languages:
                    patterns = cue["patterns"].get(lang, []) + cue["patterns"].get("*", [])
                    if patterns:
                        per_lang[lang].append((gid, float(cue["weight"]), patterns))
        self.scanners = {
            lang: Scanner([(gid, pats) for gid, _, pats in cues], lowercase=True)
            for lang, cues in per_lang.items()
            if cues
        }

    def classify(self, draft: Draft, lang: str) -> dict:
        """Return {"id", "label", "confidence"}."""
        # Hashtags name topics too (#hiring, #award), so read them as words here.
        text = draft.prose + " " + " ".join(h[1:] for h in draft.hashtags)
        scores = dict.fromkeys(self.labels, 0.0)
        shares = dict.fromkeys(self._cues_in(text, lang), 1.0)
        if lang != "en":  # English words turn up in every language's posts: half weight
            for gid in self._cues_in(text, "en"):
                shares.setdefault(gid, 0.5)
        for gid, share in shares.items():
            topic, weight = self.cue_topic[gid]
            scores[topic] += weight * share
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        (best, top), (_, second) = ranked[0], ranked[1]
        if top == 0:
            return {"id": self.default, "label": self.labels[self.default], "confidence": 0.2}
        confidence = round(min(0.99, 0.5 + 0.5 * (top - second) / top) * min(1.0, top / 3), 2)
        return {"id": best, "label": self.labels[best], "confidence": max(confidence, 0.25)}

    def _cues_in(self, text: str, lang: str) -> set[str]:
        scanner = self.scanners.get(lang)
        return {key for key, _ in scanner.matches(text)} if scanner else set()
