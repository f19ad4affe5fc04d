"""What a drug does to norepinephrine signalling, from the book's data and earlier models.

The treatment explorer expresses a drug's "dose" as the fraction ``f`` of its primary target
that it occupies at equilibrium, because for most drugs the book has no sourced plasma or
brain concentration. Everything else follows from the law of mass action and the models of
earlier chapters:

* **Occupancy at a second target.** A drug occupying a fraction ``f`` of a target with
  constant ``K_p`` is present at ``c = K_p f / (1 - f)``. At another target with constant
  ``K_t`` it occupies ``x / (x + r)`` with ``x = f / (1 - f)`` and ``r = K_t / K_p``, the
  relative affinity (:func:`book.data.selectivity.relative_affinity`: two sourced constants,
  or a published selectivity ratio such as Baker 2005's for beta blockers). With ``r > 1``
  the second target is less occupied than the first at every dose.
* **NE around the terminals.** The share of NET a drug occupies goes into
  :func:`book.models.synapse.simulate` (competitive inhibition; a releaser also drives
  NET-mediated efflux), which gives the peak and mean extracellular NE.
* **NE's share of a receptor.** With a competitive antagonist occupying a fraction ``g`` of a
  receptor on its own, NE's occupancy follows Gaddum's equation; relative to no drug it
  changes by ``m (1 + a) / (1 + m a + g / (1 - g))``, where ``m`` is how much the drug
  changed the NE concentration and ``a = [NE] / K_NE`` without drug (``m (1 - g)`` when NE
  occupies few receptors).
* **The inverted U.** A drug whose actions match one of the arousal model's presets is
  placed on the arousal chapter's curve (:func:`arousal_preset`).

These are predictions of occupancy, not of a clinical effect: tissue responses also depend
on receptor reserve and efficacy, and on the body's reflexes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from book.data.affinities import TARGETS, Affinity, ligands, precise_affinity
from book.data.selectivity import RelativeAffinity, relative_affinity
from book.models.receptors import conc_for_occupancy_nM, gaddum_shares, odds_for_occupancy
from book.models.synapse import SynapseResult, simulate
from book.models.validation import check_choice, check_number

MAX_FRACTION = 0.999  # a drug can approach, never reach, full occupancy
MAX_PRIMARY_PCT = 99.0

#: Primary targets chosen by hand, with the reason (the rule is in :func:`primary_target`).
PRIMARY_OVERRIDES: dict[str, tuple[str, str]] = {
    "cocaine": ("NET", "its NET, SERT and DAT constants overlap; NET is this book's subject"),
    "norepinephrine": ("beta1", "the receptor with a sourced point value for NE"),
    "guanfacine": ("alpha2A", "its clinical target (alpha2A-preferring: arnsten2020)"),
}
AGONIST_ACTIONS = ("agonist", "full agonist", "partial agonist")
BLOCKING_ACTIONS = ("antagonist", "inverse agonist")
#: Receptor families of the "NE's share" predictions: label -> their targets in the matrix.
#: A drug's action in a family is its action at the first of these it acts on.
FAMILIES: dict[str, tuple[str, ...]] = {
    "α1": ("alpha1A", "alpha1B", "alpha1D"),
    "α2": ("alpha2A", "alpha2B", "alpha2C"),
    "β1": ("beta1",),
    "β2": ("beta2",),
}
MEAN_NE, PEAK_NE = "NE near terminals: mean", "NE near terminals: peak"
EFFECTS: tuple[str, ...] = (MEAN_NE, PEAK_NE, *(f"NE's share of {f}" for f in FAMILIES))


def occupancy_at_other_target(primary_fraction: float, ratio: float) -> float:
    """Occupancy of a second target when the primary one is ``primary_fraction`` occupied.

    ``ratio`` = K_other / K_primary (> 0): how many times more weakly the drug binds the
    second target. Mass action at one free concentration: ``x / (x + ratio)``.
    """
    x = odds_for_occupancy(check_number("primary_fraction", primary_fraction, 0.0, MAX_FRACTION))
    r = check_number("ratio", ratio, 0.0, 1e9, low_open=True)
    return x / (x + r)


def ne_occupancy_ratio(
    ne_ratio: float, antagonist_fraction: float = 0.0, ne_over_k: float = 0.0
) -> float:
    """NE's occupancy of a receptor relative to no drug (1 = unchanged).

    ``ne_ratio``: NE concentration with the drug over NE without it (>= 0).
    ``antagonist_fraction``: the share of the receptor a competitive antagonist would occupy
    on its own (0 to < 1). ``ne_over_k``: [NE]/K_NE without the drug (0 = NE occupies few
    receptors, the limit used when NE's affinity is not sourced).
    """
    m = check_number("ne_ratio", ne_ratio, 0.0, 1e6)
    g = odds_for_occupancy(check_number("antagonist_fraction", antagonist_fraction, 0.0,
                                        MAX_FRACTION))  # fmt: skip
    a = check_number("ne_over_k", ne_over_k, 0.0, 1e6)
    if a == 0.0:
        return m / (1.0 + g)  # the limit of Gaddum's share as NE's own odds go to zero
    (with_drug, _), (without,) = gaddum_shares(m * a, g), gaddum_shares(a)
    return float(with_drug / without)


@lru_cache(maxsize=512)
def _cleft(net_fraction: float, releaser: bool) -> SynapseResult:
    return simulate(inhibition=net_fraction, reverse_transport=net_fraction if releaser else 0.0)


def cleft_ne(net_fraction: float, releaser: bool = False) -> SynapseResult:
    """The synapse model (2 Hz tonic firing for the explorers' protocol) with ``net_fraction``
    of NET occupied, by a releaser if ``releaser``. Cached on the fraction rounded to 1e-4."""
    f = check_number("net_fraction", net_fraction, 0.0, 1.0)
    if not isinstance(releaser, bool):
        raise ValueError(f"releaser must be True or False; got {releaser!r}")
    return _cleft(round(f, 4), releaser)


def cleft_ratios(net_fraction: float, releaser: bool = False) -> dict[str, float]:
    """Peak and mean extracellular NE, and their ratios to no drug, from the synapse model."""
    base, run = cleft_ne(0.0), cleft_ne(net_fraction, releaser)
    return {
        "peak_nM": run.peak_nM,
        "mean_nM": run.mean_nM,
        "baseline_peak_nM": base.peak_nM,
        "baseline_mean_nM": base.mean_nM,
        "peak_ratio": run.peak_nM / base.peak_nM,
        "mean_ratio": run.mean_nM / base.mean_nM,
    }


def drug_ids() -> tuple[str, ...]:
    """Every ligand in the data (ids)."""
    return tuple(ligands())


def primary_target(ligand: str) -> str | None:
    """The target whose occupancy the dose slider sets.

    A hand-chosen override (:data:`PRIMARY_OVERRIDES`), else the acted-on target with the
    tightest precise affinity, else beta-1 for a beta blocker with a beta-1 selectivity ratio
    (beta-blocker dose is expressed as beta-1 occupancy), else the first target the drug acts
    on in matrix order; None for a drug with no target in the matrix.
    """
    check_choice("ligand", ligand, drug_ids())
    if ligand in PRIMARY_OVERRIDES:
        return PRIMARY_OVERRIDES[ligand][0]
    actions = ligands()[ligand].actions
    sourced = {t: r for t in actions if (r := precise_affinity(ligand, t)) is not None}
    if sourced:
        return min(sourced, key=lambda t: sourced[t].k_nM)
    if "beta1" in actions and relative_affinity(ligand, "beta2", "beta1") is not None:
        return "beta1"
    return next((t for t in TARGETS if t in actions), None)


def action_kind(action: str | None) -> str:
    """'none', 'agonist', 'antagonist', 'reuptake inhibitor' or 'releaser'."""
    if action is None:
        return "none"
    if action in AGONIST_ACTIONS:
        return "agonist"
    if action in BLOCKING_ACTIONS:
        return "antagonist"
    if action == "substrate":
        return "releaser"  # carried by NET: drawn with the releasers
    return action


@dataclass(frozen=True)
class DrugProfile:
    """A drug at one dose: what the data say and what the models predict (None = unknown).

    ``basis[target]`` says where an occupancy comes from: ``"dose"`` for the primary target,
    a :class:`RelativeAffinity` for the others, None where nothing is sourced. ``why[row]``
    says why an effect is not modelled ("" when it is).
    """

    ligand: str
    primary: str | None
    fraction: float
    primary_affinity: Affinity | None
    conc_nM: float | None
    occupancy: dict[str, float | None]
    basis: dict[str, RelativeAffinity | str | None]
    effects: dict[str, float | None]
    why: dict[str, str]
    net_action: str | None


def _occupancies(ligand: str, primary: str | None, f: float):
    occ: dict[str, float | None] = dict.fromkeys(TARGETS)
    basis: dict[str, RelativeAffinity | str | None] = dict.fromkeys(TARGETS)
    if primary is None:
        return occ, basis
    occ[primary], basis[primary] = f, "dose"
    for target in TARGETS:
        if target != primary and (rel := relative_affinity(ligand, target, primary)) is not None:
            occ[target], basis[target] = occupancy_at_other_target(f, rel.ratio), rel
    return occ, basis


def _ne_over_k(target: str, baseline_mean_nM: float) -> float:
    """[NE]/K_NE without drug, from NE's own point affinity (0 if none is sourced)."""
    row = precise_affinity("norepinephrine", target)
    return baseline_mean_nM / row.k_nM if row is not None and not row.is_range else 0.0


@lru_cache(maxsize=4096)
def drug_profile(ligand: str, primary_pct: float) -> DrugProfile:
    """Targets, occupancy and model predictions for ``ligand`` at ``primary_pct`` % occupied."""
    check_choice("drug", ligand, drug_ids())
    f = check_number("primary_pct", primary_pct, 0.0, MAX_PRIMARY_PCT) / 100.0
    entry = ligands()[ligand]
    primary = primary_target(ligand)
    occ, basis = _occupancies(ligand, primary, f)
    k_primary = precise_affinity(ligand, primary) if primary else None
    conc = conc_for_occupancy_nM(f, k_primary.k_nM) if k_primary is not None else None
    effects: dict[str, float | None] = dict.fromkeys(EFFECTS)
    why: dict[str, str] = dict.fromkeys(EFFECTS, "")

    # NE near the terminals: the synapse model, if the drug's NET occupancy is known.
    net_action = entry.actions.get("NET")
    cleft, reason = None, ""
    if primary is None:
        reason = f"acts on no matrix target ({', '.join(entry.other_actions) or 'see text'})"
    elif net_action is None:
        cleft = cleft_ratios(0.0)  # the drug leaves NET alone: NE unchanged in the model
    elif net_action == "substrate":
        reason = "carried by NET itself: not modelled here"
    elif occ["NET"] is None:
        reason = "NET affinity not sourced"
    else:
        cleft = cleft_ratios(occ["NET"], releaser=net_action == "releaser")
    if cleft is not None:
        effects[MEAN_NE], effects[PEAK_NE] = cleft["mean_ratio"], cleft["peak_ratio"]
    else:
        why[MEAN_NE] = why[PEAK_NE] = reason

    # NE's share of each receptor family (Gaddum), where the drug does not act as an agonist.
    main_action = entry.actions.get(primary) if primary else None
    for label, members in FAMILIES.items():
        row = f"NE's share of {label}"
        target = next((t for t in members if t in entry.actions or occ[t] is not None), members[0])
        action = entry.actions.get(target)
        if action is None and occ[target] is not None:
            action = main_action  # binds there (a sourced ratio) with its usual action
        kind = action_kind(action)
        if cleft is None:
            why[row] = reason
        elif kind == "agonist":
            why[row] = "agonist here: its efficacy is not in the data"
        elif kind == "antagonist" and occ[target] is None:
            why[row] = "blocks it, but no sourced affinity or ratio"
        else:
            g = (occ[target] or 0.0) if kind == "antagonist" else 0.0
            a = _ne_over_k(target, cleft["baseline_mean_nM"])
            effects[row] = ne_occupancy_ratio(cleft["mean_ratio"], g, a)
    return DrugProfile(ligand, primary, f, k_primary, conc, occ, basis, effects, why, net_action)


def arousal_preset(ligand: str, primary_pct: float) -> tuple[str, float] | None:
    """The arousal model's drug preset and dose for ``ligand`` at ``primary_pct`` % occupied.

    The arousal model (:mod:`book.models.arousal`) has generic presets: a NET blocker or
    releaser dosed by NET occupancy, guanfacine and yohimbine at alpha-2, prazosin at alpha-1
    and a beta-1 blocker, each dosed by the share of its receptor occupied. A drug maps onto
    one only when its actions in the ligand data are of exactly that kind; otherwise None.
    """
    profile = drug_profile(ligand, primary_pct)
    actions = ligands()[ligand].actions
    kinds = {action_kind(a) for a in actions.values()}
    net = actions.get("NET")
    if net in ("reuptake inhibitor", "releaser") and profile.occupancy["NET"] is not None:
        return ("releaser" if net == "releaser" else "net_inhibitor", profile.occupancy["NET"])
    if ligand == "guanfacine":
        return "guanfacine", profile.occupancy["alpha2A"] or 0.0
    if kinds != {"antagonist"}:
        return None
    families = {t[:6] if t.startswith("alpha") else t for t in actions}
    if families == {"alpha2"} and profile.occupancy["alpha2A"] is not None:
        return "yohimbine", profile.occupancy["alpha2A"]
    if families == {"alpha1"} and profile.occupancy["alpha1A"] is not None:
        return "prazosin", profile.occupancy["alpha1A"]
    if "beta1" in actions and not families & {"alpha1", "alpha2"}:
        return "beta1_blocker", profile.occupancy["beta1"] or 0.0
    return None


def is_finite(number: float | None) -> bool:
    """True for a finite number (None, NaN and infinities are not)."""
    return number is not None and math.isfinite(number)
