"""Everything the engine loads once per process, passed explicitly to whoever needs it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.matching import PhraseIndex
from app.core.paths import phrasebank_dir, templates_dir, user_data_dir
from app.core.phrasebank import Phrasebank, load_phrasebank
from app.core.segment import Segmenter
from app.core.templates import TemplateLibrary, load_templates
from app.core.topics import TopicClassifier


@dataclass
class Services:
    user_dir: Path
    templates: TemplateLibrary
    classifier: TopicClassifier
    phrasebank: Phrasebank
    segmenter: Segmenter
    index: PhraseIndex

    @classmethod
    def load(cls, user_dir: Path | None = None) -> Services:
        user_dir = user_dir or user_data_dir()
        templates = load_templates(templates_dir(), user_dir / "templates")
        if not templates.templates:
            raise RuntimeError("没有可用的模板：resources/templates 缺失或全部损坏。")
        bank = load_phrasebank(phrasebank_dir())
        segmenter = Segmenter(cache_dir=user_dir / "cache")
        return cls(user_dir, templates, TopicClassifier.load(), bank, segmenter,
                   PhraseIndex(bank.phrases, segmenter))
