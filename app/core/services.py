"""Everything the engine loads once per process, passed explicitly to whoever needs it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.core.check.lexicon import Lexicon, lexicon_from_segmenter
from app.core.document.templates import TemplateLibrary, load_templates
from app.core.paths import phrasebank_dir, templates_dir, user_data_dir
from app.core.phrases.library import UserLibrary, open_library
from app.core.phrases.phrasebank import Phrase, Phrasebank, load_phrasebank
from app.core.phrases.pinyin import PinyinTable
from app.core.phrases.ranking import Boosts, PhraseIndex
from app.core.phrases.segment import Segmenter, TokenCache
from app.core.storage.private import ensure_private
from app.core.topics import TopicClassifier
from app.core.warmup import Warmup, warm_in_child


@dataclass
class Services:
    user_dir: Path
    templates: TemplateLibrary
    classifier: TopicClassifier
    phrasebank: Phrasebank
    segmenter: Segmenter
    index: PhraseIndex
    library: UserLibrary
    warmup: Warmup = field(default_factory=Warmup)
    # Word knowledge for 校对's confusable-character rule: built on the loader thread once
    # jieba is loaded (None until then; the check runs without that rule meanwhile).
    lexicon: Lexicon | None = None

    @classmethod
    def load(cls, user_dir: Path | None = None) -> Services:
        user_dir = user_dir or user_data_dir()
        ensure_private(user_dir)
        templates = load_templates(templates_dir(), user_dir / "templates")
        if not templates.templates:
            raise RuntimeError("没有可用的模板：resources/templates 缺失或全部损坏。")
        bank = load_phrasebank(phrasebank_dir())
        cache = user_dir / "cache"
        segmenter = Segmenter(cache_dir=cache)
        library = open_library(user_dir)
        classifier = TopicClassifier.load()
        index = PhraseIndex(bank.phrases + library.phrases(), segmenter, PinyinTable(cache),
                            TokenCache(cache, segmenter.user_dict), classifier)
        return cls(user_dir, templates, classifier, bank, segmenter, index, library)

    def all_phrases(self, library: UserLibrary | None = None) -> list[Phrase]:
        return self.phrasebank.phrases + (library or self.library).phrases()

    def reindex(self, library: UserLibrary | None = None) -> None:
        """After the user's library changed (new phrases' tokens kept for the next start, which
        would otherwise count the token cache as missing and start the cache child).

        ``library``: a worker thread's own connection to the same library (SQLite connections
        stay on the thread that opened them)."""
        self.index.rebuild(self.all_phrases(library))
        if self.segmenter.ready:
            self.index.tokens.save()

    def boosts(self) -> Boosts:
        return Boosts(self.library.favourites(), self.library.usage())

    def caches_missing(self) -> bool:
        """Would loading build a cache (jieba prefix dict, phrase tokens, pinyin readings)?"""
        return (not self.segmenter.cache_ready() or not self.index.complete
                or self.index.pinyin.missing(p.text for p in self.index.phrases))

    def load_in_background(self, child: bool = True, lexicon: bool = True) -> None:
        """Worker-thread start-up work: jieba, re-index if needed, pinyin readings, and
        (``lexicon``) the word knowledge of 校对 (``build_lexicon``).

        A missing cache is built in a child process first (see ``app.core.warmup``), so
        this process only ever takes the sliced, GIL-yielding loading path.
        """
        if not self.segmenter.ready:
            self.seed_shipped_caches()
        if (child and not self.segmenter.ready and self.caches_missing()
                and warm_in_child(self.user_dir, warmup=self.warmup)):
            self.index.tokens.reload()
            self.index.pinyin.reload()
        if self.warmup.stopped:
            return  # the window is closing: no in-process build now
        self.build_caches_here()
        if lexicon:
            self.build_lexicon()

    def seed_shipped_caches(self) -> list[str]:
        """A first run takes the caches built ahead and shipped with the app (if they fit)."""
        from app.core.phrases.shipped_cache import seed

        copied = seed(self.user_dir / "cache", self.segmenter.cache_target())
        if copied:
            self.index.tokens.reload()
            self.index.pinyin.reload()
            self.index.rebuild()  # jieba's tokens at once (and a better fallback until loaded)
        return copied

    def stop_loading(self) -> None:
        """Closing: end a cache-building child so the loader thread finishes at once."""
        self.warmup.stop()

    def build_caches_here(self) -> None:
        """Load (or build) the segmenter, re-index with its tokens, compute readings."""
        self.segmenter.load()
        self.index.after_segmenter_loaded()
        self.index.prepare_pinyin()

    def build_lexicon(self) -> Lexicon | None:
        """The 校对 lexicon over the loaded segmenter's dictionary (no second copy) and the
        phrasebank plus the user's library as in-domain text."""
        if self.lexicon is None and self.segmenter.ready and not self.warmup.stopped:
            self.lexicon = lexicon_from_segmenter(self.segmenter,
                                                  [p.text for p in self.all_phrases()],
                                                  self.user_dir,
                                                  should_stop=_yielding(lambda: self.warmup.stopped))
        return self.lexicon


def _yielding(should_stop: Callable[[], bool], every_s: float = 0.004) -> Callable[[], bool]:
    """``should_stop`` that also lets the UI thread have the GIL: a 1 ms sleep whenever
    ``every_s`` of work has passed (the lexicon build on the loader thread otherwise held it
    for 300–470 ms right after start-up; sleep(0) hands it straight back, as in segment.py)."""
    import time

    last = [time.perf_counter()]

    def check() -> bool:
        now = time.perf_counter()
        if now - last[0] >= every_s:
            time.sleep(0.001)
            last[0] = time.perf_counter()
        return should_stop()

    return check


def build_shipped_caches(out_dir: Path) -> list[Path]:
    """The caches to ship with a build (``packaging/build_caches.py``): built once in a temp
    user folder from the shipped dictionary and phrases, then copied to ``out_dir``."""
    import shutil
    import tempfile

    from app.core.phrases import shipped_cache

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mingjing-shipped-") as tmp:
        services = Services.load(Path(tmp))
        services.build_caches_here()
        services.index.tokens.save()
        services.index.pinyin.save()
        target = services.segmenter.cache_target()
        services.library.close()
        made = []
        for source, name in ((target, shipped_cache.JIEBA_BLOB),
                             (Path(tmp) / "cache" / shipped_cache.TOKENS, shipped_cache.TOKENS),
                             (Path(tmp) / "cache" / shipped_cache.PINYIN, shipped_cache.PINYIN)):
            if source is not None and source.is_file():
                shutil.copyfile(source, out_dir / name)
                made.append(out_dir / name)
    shipped_cache.write_manifest(out_dir)
    return made


def warm_caches_main(user_dir: Path) -> int:
    """The first-run child's work (``python -m app --warm-caches DIR``): load everything once,
    in-process, and write the caches."""
    services = Services.load(user_dir)
    services.build_caches_here()
    services.library.close()
    return 0
