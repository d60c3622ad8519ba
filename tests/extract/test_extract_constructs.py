"""One construct per case: what the extractor must report, and what it must not."""

from __future__ import annotations

import doctest
from typing import Any

import pytest

import workbench.extract.claims
import workbench.extract.context
import workbench.extract.numbers
import workbench.extract.scoring
from workbench.extract import Claim, extract_claims, parse_number, parse_span, split_sentences


def only(text: str, surface: str) -> Claim:
    """The claim that covers ``surface`` (which must appear once in ``text``)."""
    start = text.index(surface)
    hits = [c for c in extract_claims(text) if c.start < start + len(surface) and start < c.end]
    assert len(hits) == 1, (surface, extract_claims(text))
    return hits[0]


def p(text: str, surface: str, value: float, unit: str, id: str, **extra: Any) -> Any:
    return pytest.param(text, surface, value, unit, extra, id=id)


POSITIVE = [
    # percent forms
    p("Margins improved to 31% this year.", "31%", 31, "percent", "percent-sign"),
    p("About 31 percent of voters agreed.", "31 percent", 31, "percent", "percent-word", hedge="About"),
    p("Output grew 31 per cent last year.", "31 per cent", 31, "percent", "per-cent", direction="increase"),
    p("The shares returned 31pc in a year.", "31pc", 31, "percent", "pc"),
    p("Sea levels rise by about 4.5mm a year.", "4.5mm", 4.5, "quantity", "glued-metric-unit", noun="mm"),
    p("The plant adds 10GW of capacity.", "10GW", 10, "quantity", "glued-power-unit", noun="GW"),
    p("Incidence was 312 per 100,000 people.", "312 per 100,000", 312, "count", "rate-per-base"),
    p("Smokers had an odds ratio of 1.4 for death.", "1.4", 1.4, "multiplier", "odds-ratio"),
    p(
        "The jobless rate fell 0.3 points to 5.8%.",
        "0.3 points",
        0.3,
        "percentage_points",
        "points-to-percent",
    ),
    p("LeBron scored 31 points; the team shot 45%.", "31 points", 31, "quantity", "points-not-percent"),
    p("Prices slipped 4.1% in May.", "4.1%", 4.1, "percent", "slipped", direction="decrease"),
    p(
        "It was a 31-percent jump in claims.",
        "31-percent",
        31,
        "percent",
        "hyphen-percent",
        direction="increase",
    ),
    p(
        "Support fell 2 percentage points.",
        "2 percentage points",
        2,
        "percentage_points",
        "pp-words",
        direction="decrease",
    ),
    p("Turnout rose 3pp in the north.", "3pp", 3, "percentage_points", "pp", direction="increase"),
    p("The index moved -3.2% overnight.", "-3.2%", -3.2, "percent", "negative", direction="decrease"),
    p("Exports changed by +4% in May.", "+4%", 4, "percent", "plus-sign", direction="increase"),
    p("Thirteen percent of pupils were absent.", "Thirteen percent", 13, "percent", "word-percent"),
    p("Rents are up twenty-five percent.", "twenty-five percent", 25, "percent", "compound-word-percent"),
    # numbers, separators, scales, currencies
    p("The county has 1.2 million residents.", "1.2 million", 1.2e6, "count", "million", noun="residents"),
    p("Apple spent $4.2bn on buybacks.", "$4.2bn", 4.2e9, "currency", "usd-bn", currency="USD"),
    p("The deal was worth 360k to the club.", "360k", 360000, "count", "k-suffix"),
    p("Debt topped 3 trillion in total.", "3 trillion", 3e12, "count", "trillion"),
    p("The grant is €25,000 per school.", "€25,000", 25000, "currency", "eur", currency="EUR"),
    p("Fees rose to £1,250.50 a term.", "£1,250.50", 1250.5, "currency", "gbp-decimal", currency="GBP"),
    p("The yen fund holds ¥500 billion.", "¥500 billion", 5e11, "currency", "jpy", currency="JPY"),
    p("They paid USD 40 million for it.", "USD 40 million", 4e7, "currency", "iso-before", currency="USD"),
    p(
        "A loan of 15 million EUR was signed.",
        "15 million EUR",
        1.5e7,
        "currency",
        "iso-after",
        currency="EUR",
    ),
    p("Tickets cost 40 dollars each.", "40 dollars", 40, "currency", "dollars-word", currency="USD"),
    p("Grants of 200 euros were paid.", "200 euros", 200, "currency", "euros-word", currency="EUR"),
    # fractions
    p("One in five homes lacks broadband.", "One in five", 0.2, "fraction", "one-in-five"),
    p("Only 3 out of every 100 bids win.", "3 out of every 100", 0.03, "fraction", "out-of-every"),
    p("Nine in 10 doctors agree.", "Nine in 10", 0.9, "fraction", "nine-in-10"),
    p("Two-thirds of firms use cloud tools.", "Two-thirds", 2 / 3, "fraction", "two-thirds"),
    p("A fifth of the crop was lost.", "A fifth", 0.2, "fraction", "a-fifth"),
    p("Half of all adults own shares.", "Half", 0.5, "fraction", "half"),
    p("Nearly a quarter of staff quit.", "a quarter", 0.25, "fraction", "a-quarter", hedge="Nearly"),
    p("A dozen banks joined the scheme.", "A dozen", 12, "count", "a-dozen", noun="banks"),
    # multipliers
    p("The new model is 3x cheaper to run.", "3x", 3, "multiplier", "3x"),
    p("Demand grew 10-fold in a decade.", "10-fold", 10, "multiplier", "fold", direction="increase"),
    p("Boys are twice as likely to be excluded.", "twice", 2, "multiplier", "twice-as"),
    p("Costs are three times higher in cities.", "three times", 3, "multiplier", "three-times"),
    p("Sales doubled after the launch.", "doubled", 2, "multiplier", "doubled", direction="increase"),
    p("Profits tripled in two years.", "tripled", 3, "multiplier", "tripled", direction="increase"),
    p("The backlog was halved by June.", "halved", 0.5, "multiplier", "halved", direction="decrease"),
    p("Graphics performance roughly doubles.", "doubles", 2, "multiplier", "doubles", direction="increase"),
    # ranges and changes
    p(
        "Returns were between 20% and 30% a year.",
        "between 20% and 30%",
        20,
        "percent",
        "between",
        value_high=30,
    ),
    p("Rates may rise 2 to 3 per cent.", "2 to 3 per cent", 2, "percent", "to-range", value_high=3),
    p("Savings of 20-30% are possible.", "20-30%", 20, "percent", "dash-range", value_high=30),
    p(
        "Growth slowed from 6.2% to 4.0% in a year.",
        "from 6.2% to 4.0%",
        4.0,
        "percent",
        "change",
        value_from=6.2,
        direction="decrease",
    ),
    p(
        "The tally rose from 12 to 18 cases.",
        "from 12 to 18",
        18,
        "count",
        "change-count",
        value_from=12,
        direction="increase",
    ),
    p("Bills fell by $2-3bn a year.", "$2-3bn", 2e9, "currency", "currency-range-scale", value_high=3e9),
    # quantities
    p("Staff saved 4.7 hours a week.", "4.7 hours", 4.7, "quantity", "hours", noun="hours"),
    p("Seas warmed by 1.2C on average.", "1.2C", 1.2, "quantity", "celsius", noun="C"),
    p("She scored 17 points in the final.", "17 points", 17, "quantity", "points"),
    p(
        "Tutoring adds 0.3 standard deviations to scores.",
        "0.3 standard deviations",
        0.3,
        "quantity",
        "sd",
        noun="standard deviations",
    ),
    p("Clerks spent 360,000 hours of work on it.", "360,000 hours", 360000, "quantity", "hours-of-work"),
    # counts
    p("The firm employs 5,000 employees in Ohio.", "5,000", 5000, "count", "count-noun", noun="employees"),
    p(
        "AI could create 97 million new jobs.",
        "97 million",
        9.7e7,
        "count",
        "count-modifier",
        noun="jobs",
        hedge="could",
    ),
    p("3 of the 5 largest banks failed the test.", "3 of the 5", 3, "count", "of-the"),
    p("Water is piped in 7 of every 10 households.", "7 of every 10", 0.7, "fraction", "of-every"),
    p(
        "It rose to 86.4%, 1.7 points higher than in May.",
        "1.7 points",
        1.7,
        "percentage_points",
        "points-higher",
    ),
    p("HBM supply grew roughly 2.5 times in 2024.", "2.5 times", 2.5, "multiplier", "decimal-times"),
    p("A user fee of 25 CFA francs applies.", "25 CFA francs", 25, "currency", "cfa-francs", currency="XOF"),
    p("The figure could double by 2030.", "double", 2, "multiplier", "could-double", direction="increase"),
    p("Seats averaged 178, compared with 171.", "171", 171, "count", "compared-with"),
    p("We now have 5K subscribers.", "5K", 5000, "count", "5k-subscribers", noun="subscribers"),
    p(
        "Most firms are profitable within 18 months.",
        "18 months",
        18,
        "quantity",
        "within-months",
        noun="months",
    ),
    p("By 2040 it could pass 50.", "50", 50, "count", "could-pass"),
    p("A further 247 were seriously injured.", "247", 247, "count", "a-further"),
    p("Deaths fell from the 2019 baseline of 362.", "362", 362, "count", "baseline-of"),
    p("That is double the 790 counted in 2014.", "790", 790, "count", "the-n-counted"),
    p("Among the over-85s the ratio is roughly two to one.", "two to one", 2, "multiplier", "two-to-one"),
    p("Women outnumber men by 104 to 100 overall.", "104 to 100", 1.04, "multiplier", "n-to-100"),
    p("Only 4 or 5 players will leave.", "4 or 5", 4, "count", "n-or-m", value_high=5),
    p("There is maybe a one-in-three chance of a cut.", "one-in-three", 1 / 3, "fraction", "hyphenated-in"),
    p("Shares fell 14% to 212p on Monday.", "212p", 2.12, "currency", "pence", currency="GBP"),
    p("It delivers 85 Nm of torque.", "85 Nm", 85, "quantity", "newton-metres"),
    p("Its speed slowed to 9 km/h on hills.", "9 km/h", 9, "quantity", "km-per-hour"),
    p("The planet orbits every 3.7 days.", "3.7 days", 3.7, "quantity", "every-n-days"),
    p("Hartigan made 64 before lunch.", "64", 64, "count", "made-n"),
    p("They were all out for 221 in 48 overs.", "221", 221, "count", "out-for"),
    p("The motion passed by 31 votes to 19.", "19", 19, "count", "votes-to"),
    p("Unemployment fell to 29 from 34.", "34", 34, "count", "to-n-from-m"),
    p("Of these, fewer than 20 have been confirmed.", "20", 20, "count", "fewer-than-bare"),
    p(
        "Tickets fell from roughly 220 a month to about 40.",
        "from roughly 220 a month to about 40",
        40,
        "count",
        "hedged-change-with-a-rate",
        value_from=220,
        hedge="about",
        direction="decrease",
    ),
    p("They were back online in 2.4 days on average.", "2.4 days", 2.4, "quantity", "in-n-days-measured"),
    p("Repairs were done in 6 days on average.", "6 days", 6, "quantity", "in-n-days-on-average"),
    p(
        "It takes 52 days, almost double the 24 days for hourly roles.",
        "24 days",
        24,
        "quantity",
        "the-n-days-compared",
    ),
    p("Managers rated the course 4.6 out of 5.", "4.6 out of 5", 4.6, "quantity", "rating-out-of"),
    p("Rates sit at 3.25%-3.50%.", "3.25%-3.50%", 3.25, "percent", "percent-range-with-dash", value_high=3.5),
    p("Owners save $400-$800 a year.", "$400-$800", 400, "currency", "money-range-with-dash", value_high=800),
    p("It costs 20 cents.", "20 cents", 0.2, "currency", "cents", currency="USD"),
    p(
        "Subsidies return between 10 and 20 cents.",
        "between 10 and 20 cents",
        0.1,
        "currency",
        "cents-range",
        value_high=0.2,
    ),
    p("Yields were up 3bp.", "3bp", 3, "quantity", "basis-points-bp", direction="increase"),
    p("DAFs make up nearly 1 in 8 dollars donated.", "1 in 8 dollars", 0.125, "fraction", "one-in-n-dollars"),
    p("That 29-point gap is new.", "29-point", 29, "percentage_points", "n-point-gap"),
    p("Output is up a third since 2023.", "a third", 1 / 3, "fraction", "up-a-third", direction="increase"),
    p(
        "It costs a fifth less than in 2023.",
        "a fifth",
        0.2,
        "fraction",
        "a-fifth-less",
        direction="decrease",
    ),
    p("Costs fell by up to a fifth.", "a fifth", 0.2, "fraction", "by-up-to-a-fifth", hedge="up to"),
    p("The star is 120 million years old.", "120 million years", 1.2e8, "quantity", "age-of-a-star"),
]


@pytest.mark.parametrize(("text", "surface", "value", "unit", "extra"), POSITIVE)
def test_reports(text: str, surface: str, value: float, unit: str, extra: dict[str, Any]) -> None:
    c = only(text, surface)
    assert c.text == text[c.start : c.end]
    assert c.unit == unit
    assert c.value == pytest.approx(value)
    for key, want in extra.items():
        got = getattr(c, key)
        if key == "hedge":
            assert got is not None and want.lower() in got.lower()
        elif isinstance(want, float):
            assert got == pytest.approx(want)
        else:
            assert got == want, key


NEGATIVE = [
    pytest.param("It happened in 2025 again.", "2025", id="year"),
    pytest.param("Deaths fell (OR 0.8, 95% CI 0.7 to 0.9).", "95%", id="confidence-level"),
    pytest.param("The new iPhone 15 is thinner.", "15", id="camel-case-product-name"),
    pytest.param("Since the 1950s computing grew.", "1950s", id="decade"),
    pytest.param("Published 2025-02-21 by staff.", "2025-02-21", id="iso-date"),
    pytest.param("Results for Q3 2024 were flat.", "2024", id="quarter-year"),
    pytest.param("We met on March 5 to talk.", "5", id="month-day"),
    pytest.param("The train left at 10:30 sharp.", "10:30", id="clock"),
    pytest.param("1- Data Literacy: reading charts", "1", id="list-dash"),
    pytest.param("2. Talks between the parties", "2", id="list-dot"),
    pytest.param("Follow Step 3 carefully.", "3", id="step"),
    pytest.param("We compared GPT-4 with others.", "4", id="model-version"),
    pytest.param("Install v2.1 of the tool.", "2.1", id="v-version"),
    pytest.param("It needs Python 3.11 to run.", "3.11", id="python-version"),
    pytest.param("Call 555-867-5309 today.", "555", id="phone"),
    pytest.param("Write to 221 Baker Street, London.", "221", id="address"),
    pytest.param("The trial NCT04829311 enrolled adults.", "04829311", id="trial-id"),
    pytest.param("He doubles as the club's coach.", "doubles", id="doubles-as"),
    pytest.param("She won the doubles final.", "doubles", id="tennis-doubles"),
    pytest.param("© AIgantic 2023", "2023", id="copyright"),
    pytest.param("See page 14 and Table 2 for detail.", "14", id="page"),
    pytest.param("As Figure 3 shows, trends vary.", "3", id="figure"),
    pytest.param("Read https://example.com/2024/55-percent now.", "55", id="url"),
    pytest.param("![chart](https://x.io/img/45.png)", "45", id="image-link"),
    pytest.param("See [the data](https://x.io/t/99) here.", "99", id="link-target"),
    pytest.param("---\nread_time: '8 mins'\n---\nText.", "8", id="front-matter"),
    pytest.param("This is the 3rd edition of the report.", "3rd", id="ordinal"),
    pytest.param("There are two ways to see it.", "two", id="small-word-number"),
    pytest.param("5 Ways to Save Money", "5", id="listicle-heading"),
    pytest.param("It was one of the best years.", "one", id="one-of-the"),
    pytest.param("In the second half of the year sales paused.", "half", id="second-half"),
    pytest.param("The third quarter was weak.", "quarter", id="calendar-quarter"),
    pytest.param("She met him twice a week.", "twice", id="twice-a-week"),
    pytest.param("The S&P 500 closed flat.", "500", id="index-name"),
    pytest.param("A 45-year-old man was hired.", "45", id="age-adjective"),
    pytest.param("He has worked there for 10 years.", "10 years", id="duration"),
    pytest.param("The meeting is at 9 a.m. on Friday.", "9", id="am"),
    pytest.param("Covid-19 changed work.", "19", id="disease-name"),
    pytest.param("It is a two-in-one device.", "two-in-one", id="two-in-one"),
    pytest.param("Streams are in 1080p.", "1080p", id="video-lines"),
    pytest.param("Check in every two to three weeks.", "two to three weeks", id="every-few-weeks"),
    pytest.param("Your 10K race pace matters.", "10K", id="race-distance"),
    pytest.param("Join us for a faster 10K this spring.", "10K", id="race-name"),
    pytest.param("Children under 15 make up a fifth.", "15", id="age-bracket"),
    pytest.param("People aged 65 vote more.", "65", id="aged"),
    pytest.param("There are 40 for every 100 people of working age.", "100", id="rate-base-every"),
    pytest.param("Shares may not sum to 100 because of rounding.", "100", id="sum-to-100"),
    pytest.param("Figures may not sum to 100%.", "100%", id="sum-to-100-percent"),
    pytest.param("(95% confidence interval 0.72 to 0.91)", "0.72 to 0.91", id="interval-bounds"),
    pytest.param("The effect was significant (p<0.001).", "0.001", id="p-value"),
    pytest.param("Results hold at the 95% confidence level.", "95%", id="confidence-level"),
    pytest.param("We cut Scope 1 and 2 emissions by half.", "2", id="scope-1-and-2"),
    pytest.param("See tables 3, 4 and 5.", "5", id="reference-list"),
    pytest.param("Our 10-point plan works.", "10-point", id="n-point-plan"),
    pytest.param("Installers lose a quarter's worth of orders.", "a quarter", id="a-quarters-worth"),
    pytest.param("He came a third in the race.", "a third", id="a-third-in-a-race"),
    pytest.param("It happened 2 years ago.", "2 years", id="years-ago"),
    pytest.param("We will break even in 5 years.", "5 years", id="in-n-years"),
    pytest.param("A 3 years old child.", "3 years", id="n-years-old"),
]


@pytest.mark.parametrize(("text", "surface"), NEGATIVE)
def test_does_not_report(text: str, surface: str) -> None:
    start = text.index(surface)
    span = (start, start + len(surface))
    hits = [c for c in extract_claims(text) if c.start < span[1] and span[0] < c.end]
    assert hits == []


@pytest.mark.parametrize(
    ("text", "surface", "direction"),
    [
        pytest.param("It reduced design iteration time by 60%.", "60%", "decrease", id="reduced-by"),
        pytest.param("There was a 31% increase in accuracy.", "31%", "increase", id="increase-noun"),
        pytest.param("It could boost GDP growth by up to 1.4% annually.", "1.4%", "increase", id="boost"),
        pytest.param("13% of organizations reported breaches.", "13%", None, id="share-none"),
        pytest.param("Prices slashed by 40% overnight.", "40%", "decrease", id="slashed"),
        pytest.param("Profits were down 8% on the year.", "8%", "decrease", id="down"),
        pytest.param("Output is 12% lower than planned.", "12%", "decrease", id="lower-after"),
        pytest.param("Sales fell 5%, but 40% of stores grew.", "40%", None, id="clause-boundary"),
        pytest.param("Revenue is nearly double what it was.", "double", "increase", id="double-what-it-was"),
        pytest.param(
            "The fee is ten times the current cap.", "ten times", "increase", id="times-the-current"
        ),
        pytest.param("Range is double that of the last model.", "double", "increase", id="that-of-the-last"),
        pytest.param("It is three times the size of Wales.", "three times", None, id="times-the-size"),
        pytest.param(
            "There are 1,637 centenarians, more than double the 790 counted in 2014.",
            "double",
            "increase",
            id="double-the-figure-of-a-past-year",
        ),
        pytest.param("It is roughly double its 2022 estimate.", "double", "increase", id="double-its-year"),
        pytest.param(
            "It got 11,862 complaints, nearly three times as many as a year earlier.",
            "three times",
            "increase",
            id="times-as-many-as-earlier",
        ),
        pytest.param("Women were twice as likely as men to say so.", "twice", None, id="as-likely-as-men"),
        pytest.param("Sales cycles lengthened by 22 days.", "22 days", "increase", id="lengthened"),
        pytest.param("The jobless rate ticked up to 4.6%.", "4.6%", "increase", id="ticked-up-to"),
        pytest.param(
            "Spreads could widen another 25 basis points.", "25 basis points", "increase", id="widen"
        ),
        pytest.param(
            "Crews cost twice as much per house as they did before the pandemic.",
            "twice",
            "increase",
            id="as-much-per-unit-as-before",
        ),
        pytest.param(
            "Two-thirds of travellers did so, a 2025 Corbett survey found, up from 43% in 2022.",
            "Two-thirds",
            "increase",
            id="up-from-past-a-source-clause",
        ),
        pytest.param("Waits were shortened by 3 days.", "3 days", "decrease", id="shortened"),
        pytest.param("It is double the amount by 2030.", "double", None, id="double-by-a-future-year"),
        pytest.param("The peak was about 0.9C short of the record.", "0.9C", "decrease", id="short-of"),
        pytest.param(
            "Just 37% will buy in the sales on 28 November, down from 45%.",
            "37%",
            "decrease",
            id="down-from-past-a-date",
        ),
        pytest.param(
            "It held 78% of revenue, according to Corriden, down from 86%.",
            "78%",
            "decrease",
            id="down-from-past-a-source",
        ),
        pytest.param("The tariffs take 0.2% off GDP.", "0.2%", "decrease", id="take-off"),
        pytest.param("Net migration subtracted about 24,500.", "24,500", "decrease", id="subtracted"),
        pytest.param("The rate was 17% lower.", "17%", "decrease", id="lower-full-stop"),
        pytest.param(
            "It reduced the risk of heart attack, stroke and death by 19%.",
            "19%",
            "decrease",
            id="past-a-list",
        ),
        pytest.param(
            "They improved their economy by 5% and their time to exhaustion at race pace by 21%.",
            "21%",
            "increase",
            id="second-of-two-objects",
        ),
        pytest.param(
            "The market grows at a rate (CAGR) of 23.6%.", "23.6%", "increase", id="acronym-in-brackets"
        ),
        pytest.param(
            "It revised down its forecast for productivity growth by 0.2 percentage points.",
            "0.2 percentage points",
            "decrease",
            id="revised-down",
        ),
        pytest.param("- Triple renewable capacity", "Triple", "increase", id="imperative"),
        pytest.param("Twice as many people voted.", "Twice", None, id="twice-opens-a-sentence"),
    ],
)
def test_direction(text: str, surface: str, direction: str | None) -> None:
    assert only(text, surface).direction == direction


@pytest.mark.parametrize(
    ("text", "surface", "hedge"),
    [
        pytest.param(f"The plan saves {h} 20% of costs.", "20%", h, id=h.replace(" ", "-"))
        for h in [
            "up to",
            "about",
            "nearly",
            "almost",
            "around",
            "approximately",
            "more than",
            "over",
            "less than",
            "at least",
            "roughly",
            "some",
        ]
    ]
    + [
        pytest.param("Fewer than 300 staff remain.", "300", "Fewer than", id="fewer-than"),
        pytest.param(
            "AI is projected to create 97 million new jobs.", "97 million", "projected", id="projected"
        ),
        pytest.param("Costs are expected to rise 4%.", "4%", "expected", id="expected"),
        pytest.param(
            "Firms with usage pricing grow 38% faster, Tallis Partners estimates.",
            "38%",
            "estimates",
            id="estimate-ends-the-sentence",
        ),
        pytest.param(
            "44% of core skills are expected to change.", "44%", "expected", id="passive-after-the-figure"
        ),
        pytest.param("The jobless rate ticked up to 4.6%.", "4.6%", None, id="ticked-up-to-is-no-ceiling"),
        pytest.param(
            "Growth was 74,000, well below the 150,000 that economists had expected.",
            "150,000",
            "expected",
            id="that-economists-had-expected",
        ),
        pytest.param(
            "Prices were $0.48 per kWh, against about $0.17 at home, the Motorists' Alliance estimates.",
            "$0.48",
            "estimates",
            id="estimate-at-the-end-past-another-figure",
        ),
        pytest.param(
            "Capacity will grow 2.5-fold, Bexley estimates, but supply is short.",
            "2.5-fold",
            "estimates",
            id="estimate-clause-mid-sentence",
        ),
        pytest.param(
            "Automation could displace 85 million jobs by 2025, the forum estimates.",
            "85 million",
            "could",
            id="modal-before-outranks-the-tail",
        ),
        pytest.param(
            "Sales reached $5bn, and the company expects growth of 7%.",
            "$5bn",
            None,
            id="expects-in-next-clause",
        ),
        pytest.param(
            "Sales grew 5% faster, which analysts estimate is a record.",
            "5%",
            None,
            id="estimate-of-another-clause",
        ),
        pytest.param("Prices may climb 6% next year.", "6%", "may", id="may"),
        pytest.param("It is estimated that 40% of staff left.", "40%", "estimated", id="estimated"),
        pytest.param("Growth is forecast to hit 2.5%.", "2.5%", "forecast", id="forecast"),
        pytest.param("13% of firms were breached.", "13%", None, id="none"),
        pytest.param("There is about a 20% chance of a cut.", "20%", "about", id="hedge-before-a"),
        pytest.param("The farm produced barely 900 kilograms.", "900 kilograms", "barely", id="barely"),
        pytest.param("The true share is closer to 60%.", "60%", "closer to", id="closer-to"),
        pytest.param("It rose by a 5% margin.", "5%", None, id="article-alone"),
        pytest.param("I'd put maybe a 20% probability on that.", "20%", "maybe", id="maybe-a"),
        pytest.param(
            "Firms sit on something like £95 billion.", "£95 billion", "something like", id="something-like"
        ),
        pytest.param(
            "The BRC has forecast that total UK retail sales in the final quarter will grow by 1.5%.",
            "1.5%",
            "forecast",
            id="verb-before-that",
        ),
        pytest.param("We think it peaks at 5.1% in the spring.", "5.1%", "think", id="think"),
        pytest.param("Fees are typically 20% of revenue.", "20%", "typically", id="typically"),
    ],
)
def test_hedge(text: str, surface: str, hedge: str | None) -> None:
    got = only(text, surface).hedge
    if hedge is None:
        assert got is None
    else:
        assert got is not None and hedge.lower() in got.lower()


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        pytest.param(
            "Doctors saw a 31% increase in diagnostic accuracy.",
            "31%",
            "diagnostic accuracy",
            id="increase-in",
        ),
        pytest.param("It reduced design iteration time by 60%.", "60%", "design iteration time", id="by"),
        pytest.param("AI may create 97 million new jobs.", "97 million", "jobs", id="count-noun"),
        pytest.param("13% of organizations reported breaches.", "13%", "organizations", id="share-of"),
    ],
)
def test_metric(text: str, surface: str, metric: str) -> None:
    got = only(text, surface).metric
    assert got is not None and metric in got and len(got.split()) <= 5


@pytest.mark.parametrize(
    ("text", "surface", "source", "vague"),
    [
        pytest.param("According to McKinsey, output may rise 5%.", "5%", "McKinsey", False, id="according"),
        pytest.param("According toMcKinsey, output may rise 5%.", "5%", "McKinsey", False, id="glued"),
        pytest.param(
            "A 2025 IBM report revealed that 13% of firms were hit.", "13%", "IBM", False, id="year-report"
        ),
        pytest.param(
            "At Massachusetts General Hospital, radiologists reported a 31% gain.",
            "31%",
            "Massachusetts General Hospital",
            False,
            id="at-frame",
        ),
        pytest.param(
            "At plants like BMW's Leipzig site, robots help. This led to a 25% gain.",
            "25%",
            "BMW",
            False,
            id="previous-sentence",
        ),
        pytest.param(
            "Designers at firms like Autodesk use AI. This cut design time by 60%.",
            "60%",
            "Autodesk",
            False,
            id="firms-like",
        ),
        pytest.param("Early studies show scores improved by 40%.", "40%", "Early studies", True, id="vague"),
        pytest.param(
            "The World Economic Forum projects 97 million new jobs.",
            "97 million",
            "World Economic Forum",
            False,
            id="projects",
        ),
        pytest.param("Experts say 30% of roles will change.", "30%", "Experts", True, id="experts"),
        pytest.param(
            "A prominent hospital network reported a 12% drop in errors.",
            "12%",
            "prominent hospital network",
            True,
            id="vague-network",
        ),
        pytest.param("Sales rose 31% to a record.", "31%", None, False, id="none"),
    ],
)
def test_attribution(text: str, surface: str, source: str | None, vague: bool) -> None:
    c = only(text, surface)
    if source is None:
        assert c.attribution is None and "no_source" in c.flags
    else:
        assert c.attribution is not None and source.lower() in c.attribution.lower()
        assert ("vague_source" in c.flags) is vague


def test_attribution_does_not_cross_paragraphs() -> None:
    text = "According to Gartner, spending grew.\n\nThis year, 40% of firms cut budgets."
    assert only(text, "40%").attribution is None
    # "In the survey, ..." names a source of its own (a vague one), never Gartner's
    framed = only(text.replace("This year", "In the survey"), "40%")
    assert (framed.attribution, "vague_source" in framed.flags) == ("the survey", True)


def test_checkworthiness_highest_for_precise_unsourced_figures() -> None:
    unsourced = only("Productivity rose 23.7% last year.", "23.7%")
    sourced = only("According to the OECD, productivity could rise about 20% over time.", "20%")
    assert 0 <= sourced.checkworthiness < unsourced.checkworthiness <= 1
    assert {"no_source", "precise_figure"} <= set(unsourced.flags)
    assert {"hedged", "projection"} <= set(sourced.flags)


def test_one_claim_per_number_and_sorted() -> None:
    text = "Revenue rose 10% to $5bn, while costs fell from 8% to 6% and 2,000 jobs went."
    claims = extract_claims(text)
    assert [c.text for c in claims] == ["10%", "$5bn", "from 8% to 6%", "2,000"]
    assert all(a.end <= b.start for a, b in zip(claims, claims[1:], strict=False))


def test_front_matter_offsets_count_from_the_file_start() -> None:
    text = "---\ntitle: 'Up 50%'\n---\nExports grew 7% in 2024."
    claims = extract_claims(text)
    assert [c.text for c in claims] == ["7%"]
    assert text[claims[0].start : claims[0].end] == "7%"


# --------------------------------------------------------------------------- parse_span


def test_parse_span_reads_a_missed_number_with_context() -> None:
    text = "According to Acme, profits fell by about 12% last year."
    start = text.index("12%")
    c = parse_span(text, start, start + 3)
    assert (c.value, c.unit, c.direction, c.hedge, c.attribution) == (
        12.0,
        "percent",
        "decrease",
        "about",
        "Acme",
    )
    assert c.sentence == text


def test_parse_span_accepts_things_the_extractor_rejects() -> None:
    text = "In 2025 the firm had 3 sites."
    c = parse_span(text, text.index("3"), text.index("3") + 1)
    assert c.value == 3 and c.unit == "count" and c.text == "3"


@pytest.mark.parametrize(("start", "end"), [(0, 0), (0, 4), (5, 9), (-3, 2), (10, 500), (7, 3)])
def test_parse_span_never_raises(start: int, end: int) -> None:
    text = "No numbers in here."
    c = parse_span(text, start, end)
    assert c.text == text[c.start : c.end]
    assert c.unit == "count"


# --------------------------------------------------------------------------- sentences and numbers


def test_split_sentences() -> None:
    text = "Sales rose 5%. Dr. Smith said so!\nA new line\n\nU.S. output grew 2%."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Sales rose 5%.",
        "Dr. Smith said so!",
        "A new line",
        "U.S. output grew 2%.",
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.2 million", 1.2e6), ("$1.1bn", 1.1e9), ("360k", 3.6e5), ("97 million", 9.7e7), ("one", 1),
        ("ninety-nine", 99), ("a dozen", 12), ("hundred", 100), ("two-thirds", 2 / 3), ("a fifth", 0.2),
        ("half", 0.5), ("a quarter", 0.25), ("three quarters", 0.75), ("1,234.5", 1234.5), ("-4", -4),
    ],
)  # fmt: skip
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def test_parse_number_none() -> None:
    assert parse_number("n/a") is None and parse_number("") is None and parse_number("a") is None


@pytest.mark.parametrize(
    "module",
    [
        workbench.extract.numbers,
        workbench.extract.context,
        workbench.extract.scoring,
        workbench.extract.claims,
    ],
    ids=lambda m: m.__name__.rsplit(".", 1)[-1],
)
def test_doctests(module: Any) -> None:
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0


@pytest.mark.parametrize(
    ("text", "surface", "attribution", "flag"),
    [
        ("Toyota sold 11.2 million vehicles last year.", "11.2 million", "Toyota", "inferred_source"),
        ("Toyota said it sold 11.2 million vehicles.", "11.2 million", "Toyota", None),
        ("Early studies show scores improved by 40%.", "40%", "Early studies", "vague_source"),
        ("Sales rose 12% last year.", "12%", None, "no_source"),
        ("The mortgage rate is 5.45% (Moneyfacts).", "5.45%", "Moneyfacts", None),
        ('"We recorded 312 collisions," said Inspector Tom Reyes.', "312", "Inspector Tom Reyes", None),
        (
            '"We recorded 312 collisions," said the chief inspector.',
            "312",
            "the chief inspector",
            "vague_source",
        ),
        ("Prices rose 3%, said Jane Doe, an economist at Northbank.", "3%", "Jane Doe", None),
        (
            "Mary Hollis, the chief constable, spoke on Tuesday. She said burglaries fell 14%.",
            "14%",
            "Mary Hollis",
            None,
        ),
        (
            "Mary Hollis, the chief constable, spoke on Tuesday. Burglaries fell 14%, she said.",
            "14%",
            "Mary Hollis",
            None,
        ),
        (
            "Chief Constable Mary Hollis presented the figures. Burglaries fell 14%, she said.",
            "14%",
            "Chief Constable Mary Hollis",
            None,
        ),
        (
            "Road deaths rose to 41, according to figures released by the council on Monday.",
            "41",
            "the council",
            "vague_source",
        ),
        ("Exports fell 2%, according to data from Eurostat last week.", "2%", "Eurostat", None),
        (
            "The National Housing Supply and Affordability Council has projected a shortfall of 262,000 homes.",
            "262,000",
            "National Housing Supply and Affordability Council",
            None,
        ),
        (
            "Home values rose 0.8%, Cotality reported. Sydney's median value hit a record A$1.24 million.",
            "A$1.24 million",
            "Cotality",
            None,
        ),
        (
            "The state's own forecaster, the Fiscal Review Office, expects borrowing of £118 billion.",
            "£118 billion",
            "Fiscal Review Office",
            None,
        ),
        (
            "Karen Whitfield, head of operations at Ridgeline, said returns fell to 14%.",
            "14%",
            "Karen Whitfield",
            None,
        ),
        (
            "Analysts at Brindle estimate $6,500 a year in the United States, and forecast sales of $4 billion.",
            "$4 billion",
            "Brindle",
            None,
        ),
        (
            "Deaths fell to 31, according to data released on Wednesday by the Wenford Road Safety Partnership.",
            "31",
            "Wenford Road Safety Partnership",
            None,
        ),
        ("Prices are expected to rise 4% next year.", "4%", None, "no_source"),
        ("Ten years ago, analysts expected 4C of warming.", "4C", "analysts", "vague_source"),
        (
            "Official figures for the last school year put the absence rate at 20.4%.",
            "20.4%",
            "Official figures",
            "vague_source",
        ),
        ("Annual recurring revenue has reached $31 million, de Vries said.", "$31 million", "de Vries", None),
        (
            "About 7.6 million people are affected, according to the charity Heartline UK.",
            "7.6 million",
            "Heartline UK",
            None,
        ),
        (
            "Weather caused 6% of delays, according to the European air navigation agency Eurocontrol.",
            "6%",
            "Eurocontrol",
            None,
        ),
        ("This year Meridian Insight interviewed 3,104 teachers.", "3,104", "Meridian Insight", None),
        (
            "Spending rises to £100.7m, according to the report by the director of finance, Sunil Mehra.",
            "£100.7m",
            "Sunil Mehra",
            None,
        ),
        ("Sales rose 5%, according to a report by Gartner.", "5%", "Gartner", None),
        ("A trial across 47 firms found that 89% kept it.", "89%", "A trial", "vague_source"),
        ("In one poll, nearly half of respondents said yes.", "half", "one poll", "vague_source"),
        ("→ In one pilot, scores rose by 0.3 points.", "0.3 points", "one pilot", "vague_source"),
        (
            '"We won," said Ngozi Adeyemi, VP of research at VaultBridge. "We see 40 victims a month."',
            "40",
            "Ngozi Adeyemi",
            None,
        ),
        ("In a 2024 Gallup survey of 1,000 adults, 40% agreed.", "40%", "Gallup", None),
        ("Nearly two-thirds of CMOs expect budgets to grow.", "two-thirds", None, "no_source"),
        ("Overtime was down USD 84,000.", "USD 84,000", None, "no_source"),
        ("Annual plans churn 2% less than monthly ones.", "2%", None, "no_source"),
        ("Time spent in training fell by 40%.", "40%", None, "no_source"),
        ("Netflix posts 5% growth.", "5%", "Netflix", "inferred_source"),
        ("The median EV can take 195 kW at peak.", "195 kW", None, "no_source"),
        (
            "A pilot in 20 schools in Lancashire cut bullying reports by 41 per cent, the county council said.",
            "41 per cent",
            "the county council",
            "vague_source",
        ),
        ("Insurers surveyed by Brokerline offer 10-15% off.", "10-15%", "Brokerline", None),
        (
            "Applicants are three times more likely to fail, one carrier told us.",
            "three times",
            "one carrier",
            "vague_source",
        ),
        ("Early polling there shows 67% of parents back the ban.", "67%", "Early polling", "vague_source"),
        ("But the share who say they cheat is 27%.", "27%", None, "no_source"),
        ("A Model R-20 palletiser lists for GBP 68k.", "GBP 68k", None, "no_source"),
        ("One Chicago firm told me its headcount fell 29%.", "29%", "One Chicago firm", "vague_source"),
        (
            "Launch is only 2 to 3 per cent of revenue (Source: Halvard Space\nFoundation).",
            "2 to 3 per cent",
            "Halvard Space Foundation",
            None,
        ),
        (
            '"We settled flood claims 3x faster last spring using imagery," said\nInes Carvalho, head of claims.',
            "3x",
            "Ines Carvalho",
            None,
        ),
        ("Join the 10K: 40% of runners finish in an hour.", "40%", None, "no_source"),
        (
            "In a 2025 survey of 4,800 owners by the charging app ChargeCheck (v5.1), one in five failed.",
            "one in five",
            "ChargeCheck",
            None,
        ),
        (
            "The county's deal projected $40 million; an audit in 2024 found it was a quarter of that.",
            "a quarter",
            "an audit",
            "vague_source",
        ),
        ("Earnings grew 11.8%, per the data aggregator Ledgerline.", "11.8%", "Ledgerline", None),
        (
            '"Failures went from 6.8% to 2.9%." — Aisha Rahman, logistics lead',
            "from 6.8% to 2.9%",
            "Aisha Rahman",
            None,
        ),
        (
            "Twelve months later the hospital's own evaluation reports a 31% increase.",
            "31%",
            "the hospital's own evaluation",
            "vague_source",
        ),
        ("Sales rose 5%, according to the finance team.", "5%", "the finance team", "vague_source"),
        (
            "The Ombudsman Service received 11,862 complaints, it said in figures published on Thursday.",
            "11,862",
            "Ombudsman Service",
            None,
        ),
        ('"Costs fell 10%," said Dr. Elena Marsh, its medical officer.', "10%", "Dr. Elena Marsh", None),
        ("According to Morrow ESG Ratings, the premium is 8%.", "8%", "Morrow ESG Ratings", None),
        (
            "Jobs rose 12%, according to the Talent Acquisition Benchmark from Corliss Group.",
            "12%",
            "Corliss Group",
            None,
        ),
        (
            '"We see 40 victims a month," said Ngozi Adeyemi, VP of threat research at VaultBridge.',
            "40",
            "Ngozi Adeyemi",
            None,
        ),
    ],
    ids=[
        "subject-inferred",
        "named",
        "vague",
        "none",
        "bracketed",
        "said-then-name",
        "said-then-title",
        "said-then-name-apposition",
        "pronoun-starts",
        "pronoun-after",
        "name-longer-than-window",
        "figures-released-by",
        "data-from-when",
        "and-inside-a-name",
        "owner-yields-to-reporter",
        "appositive-name",
        "name-then-title",
        "states-is-a-name",
        "released-on-a-day-by",
        "passive-expected",
        "active-expected",
        "head-before-preposition",
        "particle",
        "place-code-in-name",
        "demonym-before-name",
        "pollster-interviewed",
        "name-after-an-unnamed-source",
        "report-by",
        "a-trial-found",
        "in-one-poll",
        "arrow-bullet-in-one-pilot",
        "quote-speaker-not-their-title",
        "in-a-named-survey",
        "the-people-polled-are-no-source",
        "currency-code-is-no-name",
        "noun-plans-is-no-verb",
        "participle-spent-is-no-verb",
        "verb-posts",
        "a-unit-is-no-name",
        "reports-by-is-a-noun",
        "surveyed-by",
        "one-carrier-told-us",
        "polling-there-shows",
        "the-share-who-is-nobody",
        "model-is-no-name",
        "a-place-before-a-firm",
        "source-wrapped-across-lines",
        "speaker-on-the-next-line",
        "a-model-number-is-no-name",
        "in-a-survey-by",
        "source-in-the-claims-own-clause",
        "per-the-data-aggregator",
        "dash-after-a-quotation",
        "vague-source-from-its-determiner",
        "according-to-unnamed",
        "it-said",
        "title-with-a-full-stop",
        "acronym-inside-a-name",
        "publisher-of-a-titled-report",
        "job-title-is-not-research",
    ],  # fmt: skip
)
def test_source_kinds_are_flagged(text: str, surface: str, attribution: str | None, flag: str | None) -> None:
    c = next(c for c in extract_claims(text) if c.text == surface)
    assert c.attribution == attribution
    kinds = {"no_source", "vague_source", "inferred_source"} & set(c.flags)
    assert kinds == ({flag} if flag else set())


TRANSCRIPT = """Amara Reyes is chief economist at Kestrel Bank.

LEDGER: Inflation came in at 3.6% in September. Is the worst over?

REYES: I think so. Services inflation is still running at about 4.9%. I'd expect it to fall to 2.5%.
Debt is close to 96% of GDP.

Note: figures rounded to 1%.

Revenue: 4 million units were sold.
"""


@pytest.mark.parametrize(
    ("surface", "speaker"),
    [
        ("3.6%", "LEDGER"),
        ("4.9%", "REYES"),
        ("2.5%", "REYES"),
        ("96%", "REYES"),
        ("1%", None),
        ("4 million", None),
    ],
    ids=["interviewer", "answer", "i-would", "next-line-same-turn", "note-is-no-speaker", "data-label"],
)
def test_transcript_speakers_are_sources(surface: str, speaker: str | None) -> None:
    c = only(TRANSCRIPT, surface)
    assert c.attribution == speaker
    if speaker is not None:
        assert not {"no_source", "vague_source", "inferred_source"} & set(c.flags)


@pytest.mark.parametrize(
    ("text", "surface", "speaker"),
    [
        (
            '"A 19% cut is solid. Statins deliver 20 to 25%," said Dr Marcus Eboh.',
            "19%",
            "Dr Marcus Eboh",
        ),
        (
            'Dr Ada Vandermeer led the trial. "Be careful," she said. "But one in five fewer strokes is a lot."',
            "one in five",
            "Dr Ada Vandermeer",
        ),
        ('Osei-Bonsu said: "We cut 2% a year. We need something closer to 7%."', "7%", "Osei-Bonsu"),
        ('"We cut 2% a year." Sales also rose 7%.', "7%", None),
        (
            '"It works," said Professor Ilse Vandermeer, who led the trial.\n\n'
            "She said the reduction in major events reached 26%.",
            "26%",
            "Professor Ilse Vandermeer",
        ),
        (
            '"What matters now is price," said Dr Marcus Eboh. "And supply." He noted that uptake '
            "remained below 5% of eligible patients in most of Europe.",
            "5%",
            "Dr Marcus Eboh",
        ),
        (
            '"Costs fell," said Ada Okonjo. She added that Brannock\'s panel shrank by 8%.',
            "8%",
            "Ada Okonjo",
        ),
        (
            '"We retrained 22 welders," said Dele Okafor. The cell cost $1.4m and paid for itself, he said.',
            "$1.4m",
            "Dele Okafor",
        ),
        (
            '"It works," said Dr Ada Vandermeer.\n\nPrices rose by a third.\n\nShe said sales rose 26%.',
            "26%",
            None,
        ),
    ],
    ids=[
        "said-after-the-quote",
        "she-said-before",
        "said-colon-before",
        "after-the-quote-ends",
        "she-said-in-the-next-paragraph",
        "he-noted-after-a-quote",
        "he-said-at-the-end",
        "speaker-over-a-possessive",
        "not-past-another-paragraph",
    ],
)
def test_a_quotation_has_one_speaker(text: str, surface: str, speaker: str | None) -> None:
    assert only(text, surface).attribution == speaker


LIST_WITH_LEAD_IN = """Gartner's 2025 survey of finance chiefs found:

- 45% plan to cut costs.
- One in five will hire, says Dana Ruiz of Arlo.
* 12% expect no change.

Three things stand out
- 30% of teams are remote.

A note:

- The rest were undecided.
- 8% did not answer.
"""


@pytest.mark.parametrize(
    ("surface", "source"),
    [
        ("45%", "Gartner"),
        ("One in five", "Dana Ruiz of Arlo"),
        ("12%", "Gartner"),
        ("30%", None),
        ("8%", None),
    ],
    ids=["first-item", "item-names-its-own", "other-bullet", "lead-in-without-colon", "lead-in-names-none"],
)
def test_list_items_take_the_source_of_their_lead_in(surface: str, source: str | None) -> None:
    assert only(LIST_WITH_LEAD_IN, surface).attribution == source


def test_a_hard_wrapped_line_stays_in_its_paragraph_but_a_list_item_does_not() -> None:
    wrapped = "According to a survey by Pew Research Center, 35% work from home.\nAnother 41% are hybrid."
    assert only(wrapped, "41%").attribution == "Pew Research Center"
    caption = "(Figure 3: the saving rate. Source: BEA.)\nThe saving rate dropped from 6.2% to 4.0%."
    assert only(caption, "from 6.2% to 4.0%").attribution == "BEA"
    items = "- Gold bought 1,045 tonnes, per the Bullion Council.\n- Crypto funds saw $2.4bn of outflows."
    assert only(items, "$2.4bn").attribution is None


def test_table_cells_never_join_into_one_name() -> None:
    from workbench.extract.context import named_entity

    assert named_entity("Series A\tJune\tNorthbank Partners") == "Northbank Partners"


HARD_WRAPPED = """Meanwhile, data from the Bureau of Labor Statistics shows US factory employment
at 12.8 million, roughly flat since 2019 in most regions we track, with about
400,000 factory jobs still unfilled. The share of adverts offering no flexibility fell from 6.2% to
4.0% in a single year, according to a 2024 survey by the research charity the
King's Fund. A palletiser now lists for GBP 68k, a fifth less than two years
ago.
"""


@pytest.mark.parametrize(
    ("surface", "field", "want"),
    [
        ("400,000", "hedge", "about"),
        ("from 6.2% to\n4.0%", "value_from", 6.2),
        ("from 6.2% to\n4.0%", "attribution", "King's Fund"),
    ],
    ids=["hedge-on-the-line-before", "change-across-a-wrap", "source-across-a-wrap"],
)
def test_hard_wrapped_lines_read_as_one_paragraph(surface: str, field: str, want: object) -> None:
    assert getattr(only(HARD_WRAPPED, surface), field) == want


def test_a_wrapped_relative_date_is_no_claim() -> None:
    assert [c.text for c in extract_claims(HARD_WRAPPED) if "two years" in c.text] == []
