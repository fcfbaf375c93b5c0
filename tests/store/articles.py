"""Short news articles written for the store tests, in the style of conflict and politics reporting.

``LEDGER`` is a small corpus with what the queries look for: named people who speak and are spoken
about, confirmed, denied and unconfirmed claims, strikes with places and figures. ``KHARKIV_UPDATE`` is a
later text under the same URL as the first article (a new version). ``generated_articles`` makes many
distinct short articles for the tests that need volume (concurrency, resume after kill).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Story:
    text: str
    published: date
    outlet: str
    url: str
    title: str


KHARKIV = Story(
    text=(
        "Russian forces launched 40 missiles at Kharkiv on Sunday, the Ukrainian Air Force said. "
        "President Volodymyr Zelensky said the strike killed at least 12 civilians and called on allies "
        "to send more air defence systems. The Kremlin denied that its forces had targeted civilians. "
        "Local officials said the toll could rise."
    ),
    published=date(2024, 11, 18),
    outlet="Kyiv Ledger",
    url="https://news.example/2024/11/kharkiv-strike",
    title="Missile strike on Kharkiv",
)

KHARKIV_UPDATE = Story(
    text=KHARKIV.text
    + " By Monday evening the death toll had risen to 15, regional governor Oleh Syniehubov said.",
    published=date(2024, 11, 19),
    outlet=KHARKIV.outlet,
    url=KHARKIV.url,
    title="Kharkiv toll rises to 15",
)

RUTTE = Story(
    text=(
        "Volodymyr Zelensky met NATO Secretary General Mark Rutte in Kyiv on Tuesday. Rutte said the "
        "alliance would deliver more air defence systems before winter. Zelensky said Ukraine needed "
        "them within weeks, not months. According to two officials who spoke on condition of anonymity, "
        "the talks also covered long-range missiles."
    ),
    published=date(2024, 11, 20),
    outlet="Brussels Wire",
    url="https://wire.example/rutte-kyiv",
    title="Rutte promises air defence",
)

EL_FASHER = Story(
    text=(
        "The Rapid Support Forces attacked El Fasher on Thursday, killing at least 30 people, the "
        "Sudanese army said in a statement. The RSF denied the claim and accused the army of shelling "
        "markets in the city. The United Nations said it could not independently confirm the figures."
    ),
    published=date(2024, 11, 22),
    outlet="Khartoum Monitor",
    url="https://monitor.example/el-fasher",
    title="Fighting in El Fasher",
)

TBILISI = Story(
    text=(
        "Thousands of protesters marched in Tbilisi on Monday against the government's decision to "
        "suspend talks on joining the European Union. Police used water cannon and tear gas, the "
        "interior ministry said. Prime Minister Irakli Kobakhidze said the protests had been organised "
        "from abroad, a claim the opposition rejected."
    ),
    published=date(2024, 11, 25),
    outlet="Caucasus Post",
    url="https://post.example/tbilisi-protests",
    title="Protests in Tbilisi",
)

LEDGER = (KHARKIV, RUTTE, EL_FASHER, TBILISI)

NOT_ENGLISH = (
    "Les forces russes ont lancé quarante missiles sur Kharkiv dimanche, a indiqué l'armée de l'air "
    "ukrainienne. Le président a déclaré que la frappe avait tué au moins douze civils."
)

_CITIES = ("Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Sumy", "Kherson", "Mykolaiv", "Poltava")
_SOURCES = ("the regional governor", "the Ukrainian Air Force", "the emergency service", "local officials")
_WEAPONS = ("missiles", "drones", "guided bombs")


def generated_articles(count: int) -> list[Story]:
    """``count`` distinct short strike reports, each a different city, figure, weapon or source."""
    stories = []
    for number in range(count):
        city = _CITIES[number % len(_CITIES)]
        source = _SOURCES[(number // len(_CITIES)) % len(_SOURCES)]
        weapon = _WEAPONS[number % len(_WEAPONS)]
        stories.append(
            Story(
                text=(
                    f"Russian forces struck {city} overnight with {number + 3} {weapon}, {source} said. "
                    f"At least {number % 7 + 1} people were wounded. Moscow did not comment on the "
                    f"attack, report number {number + 1} of the night."
                ),
                published=date(2024, 12, 1 + number % 28),
                outlet="Night Desk",
                url=f"https://desk.example/strike-{number + 1}",
                title=f"Strike on {city}",
            )
        )
    return stories
