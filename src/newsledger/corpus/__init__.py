"""Linking across articles: story clustering, wire copy, entities, events and claims over many analyses.

Everything here works on records (``Analysis`` objects), never on spaCy objects, and never needs the whole
corpus at once: each linker keeps a small index that a new article is added to, so that a store can back
it and an article joins a story, an entity or an event when it arrives.
"""
