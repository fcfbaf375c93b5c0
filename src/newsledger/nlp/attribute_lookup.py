"""The stock attribute ruler's rules applied by lookup: the same POS, morphology and lemmas, in less time.

The English model's ``attribute_ruler`` maps fine-grained tags to coarse ones (``NN`` -> ``NOUN``) and sets
lemma and morphology exceptions: 179 rules, all run by spaCy's ``Matcher`` over every token, which made it
the third most expensive stage of the pipeline (about 9% of the whole extraction's time, more than the
parser's own layers after ``tok2vec``). Almost every rule looks at one token only (its tag, lower-cased form,
dependency label, whether it is a space), so whether it applies is a function of those four values, and
news text repeats the same few thousand combinations. This component works out once per combination which
of those rules apply and what they set, and keeps the answer; the few rules that span two tokens still run
through a ``Matcher``. The result is the stock ruler's to the attribute: rules are applied in the order
the stock ruler applies them (rule order, then position), each with spaCy's own ``set_token_attrs``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

FieldKey = tuple[Any, tuple[bool, ...]]  # (the value if some rule names it, else None; regex results)
TokenKey = tuple[FieldKey, ...]  # one per field: tag, lower-cased text, dependency label, is a space
Predicate = Callable[[TokenKey], bool]

_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


@dataclass(frozen=True)
class _Rule:
    order: int
    attrs: dict[int, Any]
    index: int


class AttributeLookup:
    """Applies an ``AttributeRuler``'s rules; fill it with :meth:`copy_rules`.

    Tokens are keyed by what the one-token rules can tell apart: per field, the value if some rule names
    it (None otherwise: every other value is alike to the rules) and the results of the rules' regular
    expressions on it. That keeps the cache to a few thousand keys however much text goes through.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.single: list[tuple[_Rule, list[Predicate]]] = []
        self.multi = Matcher(vocab)
        self.rules: dict[int, _Rule] = {}
        self._named: list[frozenset[Any]] = [frozenset() for _ in _FIELDS]
        self._regexes: list[list[re.Pattern[str]]] = [[] for _ in _FIELDS]
        self._starts: list[Predicate] = []  # first tokens of the multi-token rules
        self._applies: dict[TokenKey, tuple[int, ...]] = {}
        self._entry = functools.lru_cache(maxsize=1 << 16)(self._entry_of)

    def copy_rules(self, ruler: AttributeRuler) -> None:
        """Take over ``ruler``'s rules, in its order."""
        singles: list[tuple[_Rule, list[list[dict[str, Any]]]]] = []
        firsts: list[dict[str, Any]] = []
        for order, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
            rule = _Rule(order=order, attrs=attrs, index=index)
            self.rules[order] = rule
            _, patterns = ruler.matcher.get(str(order))
            if index in (0, -1) and all(_is_single_token(p) for p in patterns):
                singles.append((rule, patterns))
                for pattern in patterns:
                    self._note_values(pattern[0])
            else:
                self.multi.add(str(order), patterns)
                firsts.extend(p[0] for p in patterns)
        for first in firsts:
            if not _is_single_token([first]):  # a first token this lookup cannot test: always match
                firsts = []
                self._starts = [lambda key: True]
                break
            self._note_values(first)
        self.single = [(rule, [self._predicate(p[0]) for p in patterns]) for rule, patterns in singles]
        if firsts:
            self._starts = [self._predicate(first) for first in firsts]
        self._applies.clear()
        self._entry.cache_clear()

    def _note_values(self, token_pattern: dict[str, Any]) -> None:
        for field, spec in token_pattern.items():
            position = _FIELDS[field]
            if not isinstance(spec, dict):
                self._named[position] |= {spec}
            elif "REGEX" in spec:
                self._regexes[position].append(re.compile(spec["REGEX"]))
            else:
                self._named[position] |= frozenset(next(iter(spec.values())))

    def _predicate(self, token_pattern: dict[str, Any]) -> Predicate:
        tests = [self._field_test(_FIELDS[field], spec) for field, spec in token_pattern.items()]
        return lambda key: all(test(key) for test in tests)

    def _field_test(self, position: int, spec: Any) -> Predicate:
        if not isinstance(spec, dict):
            return lambda key: key[position][0] == spec
        [(operator, value)] = spec.items()
        if operator == "IN":
            allowed = frozenset(value)
            return lambda key: key[position][0] in allowed
        if operator == "NOT_IN":
            refused = frozenset(value)
            return lambda key: key[position][0] not in refused
        which = [r.pattern for r in self._regexes[position]].index(value)
        return lambda key: key[position][1][which]

    def _entry_of(self, tag: str, lower: str, dep: str, space: bool) -> tuple[TokenKey, dict[int, Any], bool]:
        """A token's key, what its one-token rules set, and whether a longer rule may start there."""
        tags, lowers, deps, spaces = self._named
        tag_rx, lower_rx, dep_rx, space_rx = self._regexes
        key = (
            (tag if tag in tags else None, _flags(tag_rx, tag)),
            (lower if lower in lowers else None, _flags(lower_rx, lower)),
            (dep if dep in deps else None, _flags(dep_rx, dep)),
            (space if space in spaces else None, _flags(space_rx, str(space))),
        )
        return key, self._merge(self._rules_for(key)), any(start(key) for start in self._starts)

    def __call__(self, doc: Doc) -> Doc:
        entries = [self._entry(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc]
        spanning = self._spanning_matches(doc) if any(e[2] for e in entries) else {}
        for token, (key, merged, _) in zip(doc, entries, strict=True):
            if token.i in spanning:
                self._apply_in_order(token, key, spanning[token.i])
            elif merged:
                set_token_attrs(token, merged)
        return doc

    def _spanning_matches(self, doc: Doc) -> dict[int, list[tuple[int, int]]]:
        """Token index -> (rule order, match start) of each multi-token rule that sets it."""
        found: dict[int, list[tuple[int, int]]] = {}
        if len(self.multi) == 0:
            return found
        for match_id, start, end in self.multi(doc, allow_missing=True, as_spans=False):
            order = int(self.vocab.strings[match_id])
            index = self.rules[order].index
            target = start + index if index >= 0 else end + index
            if not start <= target < end:
                raise ValueError(f"attribute rule {order}: index {index} is outside its match")
            found.setdefault(target, []).append((order, start))
        return found

    def _apply_in_order(self, token: Token, key: TokenKey, spanning: list[tuple[int, int]]) -> None:
        orders = sorted([(order, token.i) for order in self._rules_for(key)] + spanning)
        for order, _ in orders:
            set_token_attrs(token, self.rules[order].attrs)

    def _rules_for(self, key: TokenKey) -> tuple[int, ...]:
        applies = self._applies.get(key)
        if applies is None:
            applies = tuple(r.order for r, preds in self.single if any(p(key) for p in preds))
            self._applies[key] = applies
        return applies

    def _merge(self, orders: Iterable[int]) -> dict[int, Any]:
        merged: dict[int, Any] = {}
        for order in orders:
            merged.update(self.rules[order].attrs)
        return merged


def _flags(regexes: list[re.Pattern[str]], value: str) -> tuple[bool, ...]:
    return tuple(bool(regex.search(value)) for regex in regexes) if regexes else ()


def _is_single_token(pattern: list[dict[str, Any]]) -> bool:
    """One token, tested on fields this lookup keys on, with operators it knows."""
    if len(pattern) != 1:
        return False
    for field, spec in pattern[0].items():
        if field not in _FIELDS:
            return False
        if isinstance(spec, dict) and (len(spec) != 1 or next(iter(spec)) not in ("IN", "NOT_IN", "REGEX")):
            return False
    return True


@Language.factory("newsledger_attribute_lookup")
def make_attribute_lookup(nlp: Language, name: str) -> AttributeLookup:
    """An empty lookup; ``load_pipeline`` fills it from the stock ruler it replaces."""
    return AttributeLookup(nlp.vocab)
