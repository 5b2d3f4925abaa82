"""Facts the bundled dataset (resources/data/*.json) must contain, as plain data.

Written by the dataset author from the NATO fact sheet (the primary source) and the
"facts beyond" list (B01..B69), for table-driven tests against the loaded store.
Plain data only: no imports of the app. Dates are ISO strings; an interval is given by
its first and last day (inclusive), as the dataset's "date" field means it.
"""

# (event id, kind, first day, last day) -- every meeting the fact sheet names, with the
# exact days; where the sheet is vague, the exact day comes from another source (see
# FACTSHEET_DATE_WORDINGS for the sheet's own words).
FACTSHEET_MEETINGS = [
    ("lisbon-summit-2010", "summit", "2010-11-19", "2010-11-20"),
    ("chicago-summit-2012", "summit", "2012-05-20", "2012-05-21"),
    ("warsaw-summit-2016", "summit", "2016-07-08", "2016-07-09"),
    ("brussels-leaders-meeting-2017-05", "leaders_meeting", "2017-05-25", "2017-05-25"),
    ("defence-ministers-2017-11", "ministerial_meeting", "2017-11-09", "2017-11-09"),
    ("brussels-summit-2018", "summit", "2018-07-11", "2018-07-12"),
    ("london-leaders-meeting-2019", "leaders_meeting", "2019-12-03", "2019-12-04"),
    ("defence-ministers-2020-02", "ministerial_meeting", "2020-02-12", "2020-02-13"),
    # no exact day known (17 June 2020 is only medium confidence): month precision
    ("defence-ministers-2020-06", "ministerial_meeting", "2020-06-01", "2020-06-30"),
]

# (event id, the fact sheet's own wording of the date, kept in "date_wording")
FACTSHEET_DATE_WORDINGS = [
    ("lisbon-summit-2010", "2010"),
    ("chicago-summit-2012", "2012"),
    ("warsaw-summit-2016", "8-9 July 2016"),
    ("brussels-leaders-meeting-2017-05", "25 May 2017"),
    ("defence-ministers-2017-11", "9 November 2017"),
    ("brussels-summit-2018", "July 2018"),
    ("london-leaders-meeting-2019", "December 2019"),
    ("defence-ministers-2020-02", "February 2020"),
    ("defence-ministers-2020-06", "June 2020"),
    ("sofa-ratification-2014", "late 2014"),
    ("unscr-2189-2014", "2014"),
    ("enduring-partnership", "2010"),
    ("afghan-security-roadmap-2017", "launched in 2017"),
    ("rsm-increase-2018", "over the course of 2018"),
    ("us-taliban-agreement-2020", "end of February 2020"),
    ("us-afghanistan-joint-declaration-2020", "end of February 2020"),
]

# (meeting id, event id a decision there concerns) -- the decisions the fact sheet lists;
# a meeting named in several sections is one event with several decisions.
FACTSHEET_DECISIONS = [
    ("lisbon-summit-2010", "enduring-partnership"),
    ("chicago-summit-2012", "ana-tf-adapted-2013"),
    ("warsaw-summit-2016", "rsm-sustained-beyond-2016"),
    ("warsaw-summit-2016", "ana-trust-fund"),
    ("warsaw-summit-2016", "enduring-partnership"),
    ("brussels-leaders-meeting-2017-05", "resolute-support-mission"),
    ("defence-ministers-2017-11", "rsm-increase-2018"),
    ("brussels-summit-2018", "resolute-support-mission"),
    ("brussels-summit-2018", "ana-trust-fund"),
    ("london-leaders-meeting-2019", "resolute-support-mission"),
    ("london-leaders-meeting-2019", "ana-trust-fund"),
    ("defence-ministers-2020-02", "resolute-support-mission"),
    ("defence-ministers-2020-02", "ana-trust-fund"),
    ("defence-ministers-2020-06", "resolute-support-mission"),
    ("defence-ministers-2020-06", "ana-trust-fund"),
]

# (event id, mission, level_before, level_after) -- troop figures of the fact sheet
FACTSHEET_TROOP_FIGURES = [
    ("rsm-increase-2018", "RSM", 13000, 16000),
    ("rsm-level-16000-38-nations", "RSM", None, 16000),
    ("rsm-reduction-12000-2020", "RSM", 16000, 12000),
]

# (event id, contributing_nations)
FACTSHEET_CONTRIBUTING_NATIONS = [
    ("rsm-level-16000-38-nations", 38),
]

# (troop-change id, meeting id it was decided at)
TROOP_CHANGES_DECIDED_AT = [
    ("rsm-increase-2018", "defence-ministers-2017-11"),
    ("isaf-level-2006-10", "portoroz-defence-ministers-2006"),
    ("rsm-withdrawal-2021", "foreign-defence-ministers-2021-04"),
]

# (event id, mission, first day of the event's date, level_after) -- the whole troop series,
# fact sheet and facts-beyond points, for a step-chart check (level_after None adds no step).
TROOP_SERIES = [
    ("isaf-level-2003-08", "ISAF", "2003-08-11", 5000),
    ("isaf-level-2004-06", "ISAF", "2004-06-01", 6500),
    ("isaf-level-2005-06", "ISAF", "2005-06-01", 8000),
    ("isaf-level-2006-07", "ISAF", "2006-07-31", 18500),
    ("isaf-level-2006-09", "ISAF", "2006-09-28", 20000),  # NATO Update 28 Sep 2006
    ("isaf-level-2006-10", "ISAF", "2006-10-05", 31000),
    ("isaf-level-2008-09", "ISAF", "2008-09-22", 47600),  # UNSCR 1833 adopted 22 Sep 2008
    ("isaf-surge-2009", "ISAF", "2009-01-01", None),
    ("isaf-level-2010-08", "ISAF", "2010-08-06", 119819),
    ("isaf-level-2010-12", "ISAF", "2010-12-01", 130000),
    ("isaf-peak-2011", "ISAF", "2011-01-01", 130000),
    ("isaf-level-2012-04", "ISAF", "2012-04-01", 129895),
    ("isaf-end-2014", "ISAF", "2014-12-31", 0),
    ("rsm-level-2015", "RSM", "2015-01-01", 13000),
    ("rsm-increase-2018", "RSM", "2018-01-01", 16000),
    ("rsm-level-2019-10", "RSM", "2019-10-01", 17178),
    ("rsm-level-16000-38-nations", "RSM", "2019-12-01", 16000),
    ("rsm-reduction-12000-2020", "RSM", "2020-03-01", 12000),  # step on 23 Oct 2020
    ("rsm-level-2020-06", "RSM", "2020-06-01", 15937),
    ("rsm-level-2020-10", "RSM", "2020-10-23", None),  # the step is the reduction's
    ("rsm-level-2021-02", "RSM", "2021-02-01", 9592),
    ("rsm-withdrawal-2021", "RSM", "2021-05-01", 0),
]

# (fund id, administrator, year established) -- the three funding streams
FACTSHEET_FUNDS = [
    ("ana-trust-fund", "NATO", "2007"),
    ("lotfa", "UNDP", "2002"),
    ("asff", "United States", "2005"),
]

# (fund id, amount_usd, qualifier, as_of)
FUND_CONTRIBUTIONS = [
    ("ana-trust-fund", 3000000000, "over", "2020"),  # fact sheet (undated): "over 3 billion USD"
    ("ana-trust-fund", 3200000000, "over", "2020-10-05"),  # B58
    ("asff", 82900000000, "about", "2021-06-20"),  # B65
]

# (fund or commitment event id, horizon, meeting id that set/extended/reaffirmed it, action)
FACTSHEET_COMMITMENT_HORIZONS = [
    ("ana-trust-fund", "2017-12-31", "chicago-summit-2012", "set"),
    ("ana-trust-fund", "2017-12-31", "wales-summit-2014", "reaffirmed"),
    ("ana-trust-fund", "2020-12-31", "warsaw-summit-2016", "extended"),
    ("ana-trust-fund", "2024-12-31", "brussels-summit-2018", "extended"),
    ("ana-trust-fund", "2024-12-31", "foreign-ministers-2018-12", "reaffirmed"),
    ("ana-trust-fund", "2024-12-31", "london-leaders-meeting-2019", "reaffirmed"),
    ("ana-trust-fund", "2024-12-31", "defence-ministers-2020-02", "reaffirmed"),
    ("ana-trust-fund", "2024-12-31", "defence-ministers-2020-06", "reaffirmed"),
]

# (meeting id, who pledged, USD amount, per) -- Afghan authorities' own funding pledge
FACTSHEET_PLEDGES = [
    ("chicago-summit-2012", "Afghan authorities", 500000000, "per year"),
]

# (event id, kind, first day, last day) -- mission periods, milestones, legal basis
FACTSHEET_MILESTONES = [
    ("isaf-nato-command", "mission_milestone", "2003-08-11", "2014-12-31"),
    ("resolute-support-mission", "mission_milestone", "2015-01-01", "2021-09-30"),
    ("unscr-2189-2014", "un_resolution", "2014-12-12", "2014-12-12"),
    ("nato-afghanistan-sofa", "agreement", "2014-09-30", "2014-09-30"),
    ("sofa-ratification-2014", "agreement", "2014-11-27", "2014-11-27"),
    ("enduring-partnership", "agreement", "2010-11-20", "2010-11-20"),  # NATO news 20 Nov 2010
    ("afghan-security-roadmap-2017", "other", "2017-01-01", "2017-12-31"),
    ("us-taliban-agreement-2020", "agreement", "2020-02-29", "2020-02-29"),
    ("us-afghanistan-joint-declaration-2020", "agreement", "2020-02-29", "2020-02-29"),
]

# (event id, mission_period)
MISSION_PERIODS = [
    ("isaf-nato-command", "ISAF"),
    ("resolute-support-mission", "RSM"),
]

# (mission event id, place name, role, region)
FACTSHEET_PLACES = [
    ("resolute-support-mission", "Kabul/Bagram", "hub", None),
    ("resolute-support-mission", "Mazar-e-Sharif", "spoke", "north"),
    ("resolute-support-mission", "Herat", "spoke", "west"),
    ("resolute-support-mission", "Kandahar", "spoke", "south"),
    ("resolute-support-mission", "Laghman", "spoke", "east"),
]

# the four focus areas of the 2017 Afghan security roadmap (in the event's details.figures)
ROADMAP_FOCUS_AREAS = [
    "leadership development",
    "fighting capabilities",
    "unity of command",
    "fighting corruption",
]

# (source event id, relation type, target event id)
FACTSHEET_RELATIONS = [
    ("resolute-support-mission", "supersedes", "isaf-nato-command"),
    ("resolute-support-mission", "legal_basis", "unscr-2189-2014"),
    ("resolute-support-mission", "legal_basis", "nato-afghanistan-sofa"),
    ("resolute-support-mission", "reaffirmed_at", "warsaw-summit-2016"),
    ("resolute-support-mission", "reaffirmed_at", "brussels-leaders-meeting-2017-05"),
    ("resolute-support-mission", "reaffirmed_at", "brussels-summit-2018"),
    ("resolute-support-mission", "reaffirmed_at", "london-leaders-meeting-2019"),
    ("resolute-support-mission", "reaffirmed_at", "defence-ministers-2020-02"),
    ("resolute-support-mission", "reaffirmed_at", "defence-ministers-2020-06"),
    ("sofa-ratification-2014", "part_of", "nato-afghanistan-sofa"),
    ("rsm-increase-2018", "decided_at", "defence-ministers-2017-11"),
    ("enduring-partnership", "decided_at", "lisbon-summit-2010"),
    ("enduring-partnership", "reaffirmed_at", "warsaw-summit-2016"),
    ("ana-tf-adapted-2013", "decided_at", "chicago-summit-2012"),
    ("ana-trust-fund", "reaffirmed_at", "london-leaders-meeting-2019"),
    ("ana-trust-fund", "reaffirmed_at", "defence-ministers-2020-02"),
    ("ana-trust-fund", "reaffirmed_at", "defence-ministers-2020-06"),
]

# facts_beyond entry -> the event ids that carry it (each cites that entry's own sources)
FACTS_BEYOND_INCLUDED = {
    "B01": ["article-5-invoked-2001"],
    "B02": ["article-5-confirmed-2001"],
    "B03": ["bonn-agreement-2001"],
    "B04": ["unscr-1386-2001"],
    "B05": ["lotfa"],
    "B06": ["unscr-isaf-extension-2002"],
    "B07": ["nac-isaf-command-decision-2003"],
    "B08": ["isaf-first-nato-troops-2003"],
    "B09": ["isaf-nato-command", "isaf-level-2003-08"],
    "B10": ["unscr-1510-2003"],
    "B11": ["isaf-stage1-north-2003"],
    "B12": ["istanbul-summit-2004", "isaf-level-2004-06"],
    "B13": ["asff"],
    "B14": ["isaf-stage2-west-2005", "isaf-level-2005-06"],  # medium
    "B16": ["isaf-stage3-south-2006", "isaf-level-2006-07"],
    "B17": ["portoroz-defence-ministers-2006", "isaf-level-2006-10"],
    "B18": ["isaf-stage4-east-2006", "isaf-level-2006-10"],
    "B19": ["bucharest-summit-2008"],
    "B20": ["unscr-isaf-extension-2008", "isaf-level-2008-09"],  # medium
    "B21": ["isaf-surge-2009"],
    "B22": ["ana-tf-widening-2009", "ana-trust-fund"],
    "B23": ["strasbourg-kehl-summit-2009"],
    "B24": ["ntm-a-activation-2009"],
    "B25": ["lisbon-summit-2010", "enduring-partnership"],
    "B26": ["isaf-level-2010-08", "isaf-level-2010-12"],
    "B27": ["isaf-peak-2011", "isaf-level-2012-04"],
    "B28": ["inteqal-first-tranche-2011"],
    "B30": ["defence-ministers-2012-02"],  # medium
    "B31": ["chicago-summit-2012"],
    "B32": ["ana-tf-adapted-2013"],
    "B33": ["milestone-2013"],
    "B34": ["ana-tf-board-2014-09"],
    "B35": ["wales-summit-2014"],
    "B36": ["nato-afghanistan-sofa"],
    "B37": ["lotfa-police-2014"],
    "B38": ["sofa-ratification-2014"],
    "B39": ["unscr-2189-2014"],
    "B40": ["isaf-flag-lowered-2014", "isaf-nato-command", "isaf-end-2014"],
    "B41": ["rsm-level-2015"],  # medium
    "B42": ["foreign-ministers-2015-12"],  # medium
    "B43": ["ana-tf-board-2016-05"],
    "B46": ["brussels-leaders-meeting-2017-05"],
    "B47": ["defence-ministers-2017-06"],
    "B48": ["defence-ministers-2017-11"],  # medium: supplies only the place
    "B49": ["foreign-ministers-2018-12"],
    "B50": ["ana-tf-board-2019-06", "chicago-summit-2012"],
    "B51": ["rsm-level-2019-10"],  # medium
    "B52": ["london-leaders-meeting-2019", "rsm-level-16000-38-nations"],
    "B53": ["defence-ministers-2020-02"],
    "B54": ["us-taliban-agreement-2020", "us-afghanistan-joint-declaration-2020"],
    "B55": ["unscr-2513-2020"],
    "B56": ["rsm-level-2020-06"],  # medium
    "B57": ["defence-ministers-2020-06"],  # medium: supporting source only, month kept
    "B58": ["ana-tf-contributions-2020-10", "ana-trust-fund"],
    "B59": ["ana-tf-board-2020-10"],
    "B60": ["rsm-level-2020-10", "rsm-reduction-12000-2020"],  # medium
    "B61": ["rsm-level-2021-02"],  # medium
    "B62": ["japan-lotfa-2021"],
    "B63": ["foreign-defence-ministers-2021-04", "rsm-withdrawal-2021"],
    "B64": ["brussels-summit-2021"],
    "B65": ["us-afghan-funding-2021", "asff"],
    "B66": ["kabul-airlift-2021"],
    "B67": ["taliban-take-kabul-2021"],
    "B68": ["last-us-flight-kabul-2021"],
    "B69": ["resolute-support-mission"],  # medium: end of the mission period only
}

# facts_beyond entries left out, with the reason (all medium confidence)
FACTS_BEYOND_EXCLUDED = {
    "B15": "LOTFA phase budgets read by OCR from a scanned report; budgets, not contributions",
    "B29": "US national withdrawal announcement, not a NATO decision; secondary source",
    "B44": "US national troop decision, from a Wikipedia digest only",
    "B45": "single news report of remarks; its troop figure conflicts with other counts",
}

# -- corrections after an independent check against the sources ---------------------------------

# (event id, the date as the dataset writes it) -- each decided by the source named beside it
CORRECTED_DATES = [
    ("unscr-isaf-extension-2008", "2008-09-22"),  # Correio Braziliense 22 Sep 2008 (C01)
    ("isaf-level-2008-09", "2008-09-22"),
    ("strasbourg-kehl-summit-2009", "2009-04-03/2009-04-04"),  # C03, C04
    ("enduring-partnership", "2010-11-20"),  # NATO news 20 Nov 2010 (C02)
    ("resolute-support-mission", "2015-01-01/2021-09"),  # launch day kept exact
]

# (event id, confidence) -- marks lowered to what their sources carry, or confirmed by a new one
CONFIDENCE_MARKS = [
    ("isaf-peak-2011", "medium"),
    ("resolute-support-mission", "medium"),
    ("rsm-sustained-beyond-2016", "medium"),
    ("rsm-reduction-12000-2020", "medium"),
    ("rsm-withdrawal-2021", "medium"),
    ("rsm-level-16000-38-nations", "medium"),
    ("defence-ministers-2020-06", "medium"),
    ("kabul-airlift-2021", "medium"),
    ("ana-tf-board-2016-05", "medium"),
    ("ana-tf-board-2019-06", "medium"),
    ("defence-ministers-2017-11", "high"),  # NATO news 9 Nov 2017 (C05) confirms Brussels
]

# (meeting id, participants) -- as the cited sources describe them
CORRECTED_PARTICIPANTS = [
    ("foreign-defence-ministers-2021-04", ["NATO Allies"]),
]

# (event id, text its summary must contain)
CORRECTED_WORDING = [
    ("lisbon-summit-2010", "48 nations"),  # NATO news 20 Nov 2010 (C02)
]

# (mission, event id of a step, day (ISO) from which no figure is sourced, next step's event id)
TROOP_GAPS = [
    ("ISAF", "isaf-level-2012-04", "2012-05-01", "isaf-end-2014"),
    ("RSM", "rsm-level-2019-10", "2019-11-01", "rsm-level-16000-38-nations"),
    ("RSM", "rsm-level-2021-02", "2021-04-15", "rsm-withdrawal-2021"),
]

# -- added after the check: the fact sheet's remaining items and the wider history ------------

# (event id, kind, first day, last day) -- each with its source in the dataset
ADDED_EVENTS = [
    ("sg-visit-kabul-2018-11", "visit", "2018-11-06", "2018-11-06"),  # sheet captions; W25, W26
    ("riga-summit-2006", "summit", "2006-11-28", "2006-11-29"),  # W04 (declaration), W05
    ("isaf-level-2006-09", "troop_level_change", "2006-09-28", "2006-09-28"),  # B17-1
    ("isaf-level-2007-07", "troop_level_change", "2007-07-01", "2007-07-31"),  # W24 (medium)
    ("london-conference-2010", "other", "2010-01-28", "2010-01-28"),  # W06, W07
    ("kabul-conference-2010", "other", "2010-07-20", "2010-07-20"),  # W08, W09
    ("inteqal-second-tranche-2011", "mission_milestone", "2011-11-27", "2011-11-27"),  # W18
    ("bonn-conference-2011", "other", "2011-12-05", "2011-12-05"),  # W01
    ("inteqal-third-tranche-2012", "mission_milestone", "2012-05-13", "2012-05-13"),  # W20, W21
    ("inteqal-fourth-tranche-2012", "mission_milestone", "2012-12-31", "2012-12-31"),  # W22
    ("us-afghanistan-bsa-2014", "agreement", "2014-09-30", "2014-09-30"),  # C07, W03
    ("foreign-ministers-2014-12", "ministerial_meeting", "2014-12-02", "2014-12-02"),  # W02
    ("intra-afghan-talks-2020", "other", "2020-09-12", "2020-09-12"),  # W10, W11
    ("geneva-conference-2020", "other", "2020-11-23", "2020-11-24"),  # W12, W13
    ("us-troops-2500-2021", "other", "2021-01-15", "2021-01-15"),  # W16, W17
    ("foreign-ministers-2021-08", "ministerial_meeting", "2021-08-20", "2021-08-20"),  # W14
]

# (mission period id, the event it was decided at)
MISSIONS_DECIDED_AT = [
    ("isaf-nato-command", "nac-isaf-command-decision-2003"),
    ("resolute-support-mission", "foreign-ministers-2014-12"),
]

# (event id, details field, words it must hold) -- fact-sheet items recorded in the details
FACTSHEET_DETAILS = [
    ("resolute-support-mission", "supporting_functions", "force generation"),
    ("resolute-support-mission", "supporting_functions", "logistics"),
    ("resolute-support-mission", "supporting_functions", "rule of law"),
    ("resolute-support-mission", "where_its_troops_work", "security ministries"),
    ("resolute-support-mission", "where_its_troops_work", "special operations"),
    ("resolute-support-mission", "commanders_flexibility", "personnel and assets"),
    ("enduring-partnership", "long_term_goal", "traditional partnership"),
    ("sg-visit-kabul-2018-11", "with_the_secretary_general", "Peach"),
    ("sg-visit-kabul-2018-11", "with_the_secretary_general", "Scaparrotti"),
    ("sg-visit-kabul-2018-11", "resolute_support_commander", "Austin S. Miller"),
]

# (event id, words its summary must hold)
FACTSHEET_SUMMARY_TEXTS = [
    ("rsm-reduction-12000-2020", "never again become a platform for international terrorists"),
]

# (meeting id, words a decision must hold, event the decision concerns)
FACTSHEET_MORE_DECISIONS = [
    ("warsaw-summit-2016", "Afghan authorities are to keep up and raise", None),  # own budget
    ("defence-ministers-2017-11", "importance of funding", "ana-trust-fund"),
    (
        "foreign-ministers-2014-12",
        "Resolute Support mission as of 1 January 2015",
        "resolute-support-mission",
    ),
]
