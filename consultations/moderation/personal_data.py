"""The screening rules added in issue 14: what ``phonenumbers`` and the first patterns missed.

Each ``has_…`` function answers for one reason of ``screening.screen``; the rules, and why everyday
numbers pass, are in NOTES.md ("Screening corpus (issue 14)"). Texts are compared as typed and, for word
lists, folded (lower case, no accents), because teenagers write "lycee", "Lycée" and "LYCEE".
"""

import re
import unicodedata


def fold(text):
    """Lower case, accents removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _words(spaced):
    return frozenset(spaced.split())


# --- Phone-like digit runs -------------------------------------------------------------------------

# A group of digits that is not part of a word ("17h30", "m2", "3eme" are not groups), and what may
# separate two groups of one number: spaces, dots, dashes, slashes, brackets (at most three in a row).
_GROUP = r"(?<![^\W_])\d+(?![^\W_])"
_SEPARATOR = r"[ \t\u00a0\u202f.\-\u2010-\u2015/()]{1,3}"
DIGIT_RUN = re.compile(rf"\+?\(?{_GROUP}(?:{_SEPARATOR}{_GROUP})*")
# A number this long is held whatever surrounds it; a shorter one (7 or 8 digits: "555 0199") only
# when the text around it asks to be called or texted.
LONG_RUN = 9
CUED_RUN = 7
PHONE_CUE = re.compile(
    r"\b(?:ap+el+\w*|apl|call|ring|text|txt|sms|t[ée]l(?!\s+qu)|t[ée]l[ée]phone|phone|num|num[ée]ro|"
    r"number(?!\s+of\b)|portable|mobile|cell|whats\s?app|joignable|joins?|hmu|hit\s+me\s+up)\b",
    re.IGNORECASE,
)
_CUE_BEFORE = 30
_CUE_AFTER = 15
# A currency or a unit next to the number makes it an amount or a count, never a phone number.
_CURRENCY_BEFORE = re.compile(r"[€$£¥]\s?$")  # searched in the 2 characters before
_UNIT_AFTER = re.compile(
    r"^\s?(?:[€$£%‰]|k€|m[²2]\b|km\b|kg\b|(?:eur|euros?|dollars?|livres?|pounds?|balles|"
    r"personnes?|people|jeunes|habitants?|[ée]l[èe]ves|students?|kids|gens|membres?|members?|"
    r"vues|views|likes|abonn[ée]s|followers|votes?|voix|signatures|answers|r[ée]ponses)\b)",
    re.IGNORECASE,
)
# 1 200 000 or 12.000.000: thousands, each group of three after a first group not starting with 0;
# 100000000: a few figures then six zeros or more.
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:(?P<sep>[ \u00a0\u202f.,])\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d+)?")
_ROUND = re.compile(r"[1-9]\d{0,2}0{6,}")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](?:\d{4}|\d{2})")
_IPV4 = re.compile(r"(?:\d{1,3}\.){3}\d{1,3}")
# Public help lines people recommend to each other (and European 116 numbers, below): never personal.
PUBLIC_NUMBERS = frozenset(
    {
        "3114",  # France, suicide prevention
        "119",  # France, children in danger
        "3020",  # France, school bullying
        "3018",  # France, online harassment
        "0800235236",  # France, Fil Santé Jeunes
        "0800200000",  # France, Net Écoute (former number)
        "08001111",  # UK, Childline
        "08088005000",  # UK, NSPCC
        "08000684141",  # UK, Papyrus HOPELINE247
        "08006895652",  # UK, Switchboard LGBT+
        "85258",  # UK, Shout (text)
    }
)


def _national_digits(raw):
    """The digits of a number, "+44 800 1111" and "0044…" written as "0800 1111" is."""
    digits = re.sub(r"\D", "", raw)
    international = raw.lstrip().startswith("+") or digits.startswith("00")
    digits = digits.removeprefix("00") if digits.startswith("00") else digits
    if international and digits[:2] in {"33", "44", "32", "41"}:
        digits = "0" + digits[2:].removeprefix("0")
    return digits


def is_public_number(raw):
    digits = _national_digits(raw)
    return digits in PUBLIC_NUMBERS or (len(digits) == 6 and digits.startswith("116"))


_DATE_OR_YEAR = r"(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|(?:19|20)\d\d)"
_DATES_AND_YEARS = re.compile(
    rf"{_DATE_OR_YEAR}(?:\s*[-\u2010-\u2015/]\s*{_DATE_OR_YEAR}|\s+{_DATE_OR_YEAR})*"
)


def is_dates_and_years(run):
    """'12/04/25-15/04/25', '2019 2020 2021': dates and years written next to each other."""
    if not _DATES_AND_YEARS.fullmatch(run):
        return False
    return all(
        1 <= int(date.group(1)) <= 31 and 1 <= int(date.group(2)) <= 12
        for date in _DAY_MONTH_YEAR.finditer(run)
    )


def _is_ipv4(run):
    return bool(_IPV4.fullmatch(run)) and all(int(part) <= 255 for part in run.split("."))


def phone_like_runs(text):
    """Digit runs that look like a phone number, valid or not, of any country and any grouping."""
    found = []
    for match in DIGIT_RUN.finditer(text):
        run = match.group().strip(" \t\u00a0\u202f.-/(")
        digits = sum(char.isdigit() for char in run)
        if digits < CUED_RUN:
            continue
        before, after = text[: match.start()], text[match.end() :]
        cued = bool(PHONE_CUE.search(before[-_CUE_BEFORE:]) or PHONE_CUE.search(after[:_CUE_AFTER]))
        if digits < LONG_RUN and not cued:
            continue
        if _CURRENCY_BEFORE.search(before[-2:]) or _UNIT_AFTER.match(after[:20]):
            continue
        if not cued and (_THOUSANDS.fullmatch(run) or _ROUND.fullmatch(run)):
            continue
        if is_dates_and_years(run) or _is_ipv4(run) or is_public_number(run):
            continue
        found.append(run)
    return found


# --- Social-media accounts -------------------------------------------------------------------------

PLATFORMS = (
    r"(?:insta(?:gram)?|snap(?:chat)?|sc|ig|tik\s?tok|discord|whats\s?app|telegram|twitter|facebook|fb|"
    r"twitch|yt|youtube|bereal|threads)"
)
_PLATFORM = re.compile(rf"(?<![\w@.#])(?P<possessive>(?:mon|ma|my)\s+)?{PLATFORMS}(?![\w@.#])", re.IGNORECASE)
# What comes between the platform and the account: "mon snap c est lea", "my ig is lea", "snap: lea",
# "snap me at lea", or nothing at all ("tiktok lea2010").
_BETWEEN = re.compile(
    r"\s*(?P<punctuation>[:=]|->|=>|-)?\s*"
    r"(?P<words>(?:(?:c['’ ]?est|cest|c|est|is|it['’]?s|'s|me\s+at|moi|me|at)\s+)*)"
    r"(?P<handle>@?[^\W\d][\w.]*\w(?:#\d{4})?|@\w+)",
    re.IGNORECASE,
)
# Words that follow "mon insta est …" and are no account.
NOT_AN_ACCOUNT = _words(
    "prive privee private public publique down broken bugged bug buggue hacked pirate bloque blocked "
    "banned ban suspendu suspended deleted supprime nul nulle bien mieux better best worse pire cool top "
    "trop tres very so too really vraiment pas not plus full plein ferme closed open ouvert vide empty "
    "new nouveau nouvelle old vieux ancien inactive inactif dead mort same pareil le la les un une des "
    "the a an en on in off my mon ma only juste just gone parti still toujours encore deja already "
    "actually au sur fun boring chiant super genial grave ouf nice great bad good for pour and et ou or "
    "que than then with avec of de du story stories map reel reels live video videos post posts compte "
    "account page profil profile filtre filter streak streaks flamme flammes"
)
# "ajoute moi sur snap", "add me on insta", "abonnez vous a mon tiktok": an invitation is enough.
INVITATION = re.compile(
    r"\b(?:(?:add|follow|dm|msg|message|text|find|hmu|hit)\s+(?:me|us|up)\s+(?:up\s+)?(?:on|at)\s+(?:my\s+)?"
    r"|(?:sub(?:scribe)?\s+to|follow)\s+my\s+"
    r"|(?:r?ajout|sui[sv]|contact|[ée]cri[sv]|parl|envoi|rejoin)\w*[- ](?:moi|nous)\s+(?:en\s+(?:dm|mp|priv[ée]?)\s+)?sur\s+(?:mon\s+)?"
    r"|abonne[sz]?[- ](?:toi|vous)\s+(?:a|à)\s+mon\s+)"
    rf"{PLATFORMS}\b",
    re.IGNORECASE,
)


def _looks_like_an_account(handle):
    """An @, a digit, an underscore, a dot inside or a Discord tag: not a word of a sentence."""
    return handle.startswith("@") or bool(re.search(r"[\d_.#]", handle))


def has_account(text):
    """A social-media account written after its platform, with or without punctuation, or an invitation."""
    if INVITATION.search(text):
        return True
    for platform in _PLATFORM.finditer(text):
        between = _BETWEEN.match(text, platform.end())
        if not between:
            continue
        handle = between.group("handle")
        if fold(handle.lstrip("@")) in NOT_AN_ACCOUNT or re.fullmatch(PLATFORMS, handle, re.IGNORECASE):
            continue
        if _looks_like_an_account(handle):
            return True
        # A plain word ("lea") is an account only when introduced: "snap: lea", "mon snap c est lea".
        if between.group("punctuation") in {":", "=", "->", "=>"}:
            return True
        if between.group("words").strip() and platform.group("possessive"):
            return True
    return False


# --- School names ----------------------------------------------------------------------------------

_FR_SCHOOL = r"(?:coll[èe]ge|clg|lyc[ée]e|[ée]cole|groupe\s+scolaire|cit[ée]\s+scolaire|ensemble\s+scolaire|institution)"
_FR_QUALIFIER = (
    r"(?:priv[ée]e?|public|publique|pro|professionnel|g[ée]n[ée]ral|technique|technologique|agricole|"
    r"polyvalent|primaire|maternelle|[ée]l[ée]mentaire|international|catholique|h[ôo]telier)"
)
FR_SCHOOL = re.compile(
    rf"(?<!\w)(?P<school>{_FR_SCHOOL})(?P<qualifiers>(?:\s+{_FR_QUALIFIER}){{0,2}})"
    r"\s+(?P<linked>(?:d['’]\s?|de\s+la\s+|de\s+l['’]\s?|du\s+|des\s+|de\s+))?"
    r"(?P<name>[^\W\d_][\w'’-]*)(?:\s+(?P<second>[^\W\d_][\w'’-]*))?",
    re.IGNORECASE,
)
_SAINT = r"(?:saint|sainte|st|ste)"
# Who French schools are named after, written in lower case by those who go there.
FIRST_NAMES = _words(
    "jean victor jules louis jacques marie paul pierre anne simone albert charles louise georges george "
    "romain henri marcel emile camille francoise francois robert aristide leonard gustave andre rene "
    "joseph antoine alexandre claude gabriel jeanne eugene edouard lucie germaine olympe sophie nelson "
    "rosa martin frederic maurice guy alain alphonse honore arthur max pablo irene elsa helene "
    "josephine colette marguerite gisele jacqueline"
)
NAMESAKES = _words(
    "moulin hugo ferry pasteur jaures curie prevert camus voltaire moliere zola verne montaigne condorcet "
    "descartes rabelais lavoisier eluard brassens pagnol monnet zay dolto veil frank rostand mace "
    "langevin gambetta clemenceau lamartine chateaubriand balzac flaubert stendhal racine corneille "
    "buffon ampere fenelon sevigne diderot rousseau malraux aragon cocteau apollinaire baudelaire "
    "rimbaud verlaine mistral giono doisneau claudel briand"
)
# Capitalised or not, these follow "collège"/"lycée" in everyday sentences and name no school.
NOT_A_NAME = _words(
    "on je j il elle ils elles nous vous tu le la les l un une des du de d et ou mais donc car ni or c ca "
    "cest ce cet cette ces mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs en y a au aux "
    "pour par avec sans dans sur sous pas ne trop tres plus moins ya jsuis jai qui que quoi est sont ont "
    "alors aussi bref mdr lol ptdr svp stp merci ici demain hier lundi mardi mercredi jeudi vendredi "
    "samedi dimanche matin soir quartier coin village ville secteur centre musique danse dessin "
    "commerce cuisine conduite theatre art arts cirque foot football rugby tennis voile ski surf police "
    "infirmieres ingenieurs langues devoirs ferme fermee loin proche pres prive public apres avant "
    "pendant depuis quand comme si it is the a an and or but in at to of my our your their this that "
    "ecole college lycee primaire maternelle ouais oui non bah ben bon genre franchement perso wesh jsp "
    "jpp"
)

_EN_TYPE = (
    r"(?:high\s+school|high|academy|college|school|primary(?:\s+school)?|secondary(?:\s+school)?|"
    r"grammar(?:\s+school)?|middle\s+school|elementary(?:\s+school)?|junior\s+high|comprehensive)"
)
_EN_NAME_WORD = r"[A-Z][\w'’-]*"
# "Westfield Academy", "Jean Moulin High School": capitalised words right before the kind of school.
EN_SCHOOL = re.compile(
    rf"(?<![\w'’])(?P<name>{_EN_NAME_WORD}(?:\s+{_EN_NAME_WORD}){{0,2}})\s+(?i:(?:community\s+|catholic\s+)?{_EN_TYPE})\b"
)
# "st anne's catholic school", "St Mary's School", "st josephs primary", whatever the case.
SAINT_SCHOOL = re.compile(
    rf"(?<!\w){_SAINT}\.?[\s-]+[^\W\d_][\w'’-]*(?:\s+(?:catholic|c\s+of\s+e|ce|rc|church))?\s+{_EN_TYPE}\b",
    re.IGNORECASE,
)
# "i go to westfield academy": lower case, then only after saying one goes there.
EN_CUED_SCHOOL = re.compile(
    r"\b(?:i\s+go\s+to|i\s+went\s+to|i['’]?m\s+at|im\s+at|i\s+am\s+at|i\s+study\s+at|student\s+at|pupil\s+at|"
    r"year\s+\d+\s+at|at)\s+"
    rf"(?P<name>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)??)\s+{_EN_TYPE}\b",
    re.IGNORECASE,
)
# Words that make "… school" a kind of school, not one school: "dance school", "the high school".
NOT_A_SCHOOL_NAME = _words(
    "dance music art arts drama theatre film driving summer sunday night boarding home language coding "
    "cooking football soccer rugby tennis swimming swim skate gymnastics ballet karate martial circus stage "
    "singing police military flight beauty hair law medical nursing business graduate grad primary "
    "secondary high middle junior senior elementary grammar public private state catholic local new old "
    "big small same other another different whole every each this that the a an my our your his her their "
    "its one sixth form free faith special village town city nearest next previous last first second "
    "online virtual star umbrella i i'm im we you he she they it and or but at in to go to of for from "
    "with by on no any some all more most community secret magic wizard back"
)


def _is_fr_school_name(match):
    name, second = match.group("name"), match.group("second") or ""
    folded = fold(name)
    if re.fullmatch(_SAINT, folded) or re.match(rf"{_SAINT}-", folded):
        return True  # collège Saint-Exupéry, college saint exupery
    if folded in NOT_A_NAME:
        return False
    if match.group("linked"):
        # lycée du Parc, école primaire des Lilas; in lower case only after "primaire" or the like.
        return name[:1].isupper() or bool(match.group("qualifiers").strip())
    if name[:1].isupper():
        return True  # Lycée Pasteur, collège Jean Moulin
    parts = folded.split("-") if "-" in folded else [folded, fold(second)]
    if any(part in NAMESAKES for part in parts):
        return True  # lycee pasteur, college jean-moulin
    return parts[0] in FIRST_NAMES and bool(parts[1]) and parts[1] not in NOT_A_NAME


def _is_en_school_name(name):
    words = [fold(word) for word in name.split()]
    return (
        bool(words) and words[0] not in NOT_A_SCHOOL_NAME and not all(w in NOT_A_SCHOOL_NAME for w in words)
    )


def has_school_name(text):
    """The name of a school, in French ("collège Jean Moulin") or English ("Westfield Academy")."""
    if any(_is_fr_school_name(match) for match in FR_SCHOOL.finditer(text)):
        return True
    if SAINT_SCHOOL.search(text):
        return True
    for match in EN_SCHOOL.finditer(text):
        # The name is the last capitalised words before the kind of school: "I go to Westfield Academy".
        words = match.group("name").split()
        while words and fold(words[0]) in NOT_A_SCHOOL_NAME:
            words.pop(0)
        if words and _is_en_school_name(" ".join(words)):
            return True
    return any(
        all(fold(word) not in NOT_A_SCHOOL_NAME for word in match.group("name").split())
        for match in EN_CUED_SCHOOL.finditer(text)
    )


# --- Dates of birth --------------------------------------------------------------------------------

_MONTH = (
    r"(?:janv(?:ier)?|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept?(?:embre)?|"
    r"oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?|jan(?:uary)?|feb(?:ruary)?|march|mar|apr(?:il)?|may|"
    r"june?|july?|aug(?:ust)?|september|october|november|december)\.?"
)
_DAY = r"(?:1er|[0-3]?\d(?:st|nd|rd|th|er|e)?)"
_YEAR_WORD = r"(?:19|20)\d\d"
_FULL_DATE = (
    rf"(?:[0-3]?\d[/.\-][01]?\d[/.\-](?:{_YEAR_WORD}|\d\d)"
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH}\s+{_YEAR_WORD}"
    rf"|{_MONTH}\s+{_DAY},?\s+{_YEAR_WORD})"
)
_DAY_AND_MONTH = (
    rf"(?:{_FULL_DATE}|[0-3]?\d[/.][01]?\d(?![/.\-]?\d)|{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+{_DAY}\b)"
)
# Up to three short words or signs between "born" and the date, each after a little space (bounded,
# so that a long text of spaces cannot make the search backtrack for seconds).
_FILLER = r"(?:\s{0,3}(?:[:=,\-]|(?:le|on|the|is|was|c['’ ]?est|cest|c|est|en)\b)){0,3}\s{0,3}"
# Born on a day: "née le 3 mars", "born 12/04/2010", "date de naissance : …", "DOB …".
BORN = re.compile(
    rf"\b(?:n[ée]e?s?|born|date\s+de\s+naissance|ddn|dob|d\.o\.b\.?|date\s+of\s+birth|birth\s*date)\b{_FILLER}"
    rf"{_DAY_AND_MONTH}",
    re.IGNORECASE,
)
# A birthday only gives the date of birth with its year: "my bday is 5th june 2010".
BIRTHDAY = re.compile(
    rf"\b(?:birthday|b-?day|anniv(?:ersaire)?)\b{_FILLER}{_FULL_DATE}",
    re.IGNORECASE,
)


def has_birthdate(text):
    """A date of birth (day and month at least, next to "born"; with the year, next to "birthday").

    A comment is always shown under its author's name, so a date of birth in it is always one "with a name".
    """
    return bool(BORN.search(text) or BIRTHDAY.search(text))
