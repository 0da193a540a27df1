"""Which group a by-team or by-network figure is counted in, decided by the people the figure
is made of, never by headcount.

A team of twelve where one person posted shows that one person's reach: what matters is how
many people a row adds up, so a team's row is shown only when at least the minimum of people
contributed to it (posted and had their reach read, told a story or drew a click), whether or
not they are on the leaderboards: their figures are in the row either way, and a row of the
minimum of people does not tell any one of them apart. The rest are counted in "Other teams",
left out when that group is itself too small; the figures not broken down by team then leave
out those same teams (`shown_teams`), or their total less the rows shown would be what those
few did. Networks fold the other way round (`fold_small`): a network is a column of the same
people as the teams, so the small ones are folded together with the next smallest until the
folded row holds the minimum, and every row still adds up to the total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .analytics import FOLDED, fold_key


def people_by(pairs: Iterable[tuple]) -> dict:
    """{group: set of people} from (group, person) pairs."""
    found: dict = defaultdict(set)
    for group, person in pairs:
        found[group].add(person)
    return found


def fold_teams(
    people: dict[int | None, set[int]], names: dict[int, str], minimum: int
) -> tuple[dict, dict]:
    """(each team's group, each group's people): a team of fewer than `minimum` contributors
    (people without a team, a team gone) is counted in FOLDED, the others in their own."""
    sizes = {team: len(who) for team, who in people.items()}
    keys = {team: fold_key(team, names, sizes, minimum) for team in people}
    groups: dict = defaultdict(set)
    for team, who in people.items():
        groups[keys[team]] |= who
    return keys, groups


def shown_teams(
    team_ids: set[int] | None,
    people: dict[int | None, set[int]],
    names: dict[int, str],
    minimum: int,
) -> set[int] | None:
    """The teams whose figures a table not broken down by team may count: all in view while
    "Other teams" is shown (or holds no one), else only those with a row of their own."""
    keys, groups = fold_teams(people, names, minimum)
    if len(groups.get(FOLDED, ())) in range(1, minimum):
        return {team for team, key in keys.items() if key is not FOLDED}
    return team_ids


def fold_small(people: dict[str, set[int]], minimum: int) -> set[str]:
    """The groups (networks) to count together as "Other …": those of fewer than `minimum`
    people, and then the smallest others until that row holds the minimum, so no row, nor the
    total less the other rows, is fewer people's. The caller shows nothing when everyone
    together is fewer than the minimum."""
    small = {name for name, who in people.items() if len(who) < minimum}
    if not small:
        return small
    folded = set().union(*(people[name] for name in small))
    others = sorted((n for n in people if n not in small), key=lambda n: (len(people[n]), n))
    while len(folded) < minimum and others:
        name = others.pop(0)
        small.add(name)
        folded |= people[name]
    return small


def folded_label(small: set[str], people: dict[str, set[int]], minimum: int, other: str) -> str:
    """The folded row's name: "Other networks", or "linkedin with other networks" when a
    network big enough on its own had to be counted in it."""
    pulled = sorted(name for name in small if len(people[name]) >= minimum)
    return f"{' and '.join(pulled)} with {other.lower()}" if pulled else other
