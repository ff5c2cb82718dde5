"""Chrome of everything that is not mail: calls, documents, research, filing, chat, MyCase, off-time."""

from __future__ import annotations

import random
import urllib.parse

from .screens import Screen

BROWSERS = ("Google Chrome", "Microsoft Edge", "Firefox")


def call(app: str, title_bits: str, people: tuple[str, ...], minutes: int, notes: tuple[str, ...],
         rng: random.Random, meeting: bool) -> Screen:
    """A call or meeting window; `title_bits` is the topic or the other person's name."""
    timer = f"{minutes // 60:02d}:{minutes % 60:02d}:{rng.randint(0, 59):02d}"
    kind = "meeting" if meeting else "call"
    if app == "teams":
        return Screen("Microsoft Teams", kind, f"{title_bits} | Microsoft Teams",
                      (f"{timer}   Chat  People  Raise  React  View  More  Camera  Mic  Share  Leave",),
                      (tuple(people) + ("",) + notes,), (1.0,))
    if app == "zoom":
        title = "Zoom Meeting" if rng.random() < 0.7 else f"{title_bits} - Zoom"
        return Screen("zoom.us", kind, title, ("Zoom Workplace  Meeting Information  View",),
                      (tuple(f"{p}" for p in people),),
                      (1.0,), footer=("Mute  Stop Video  Participants  Chat  Share  Record  Reactions  Apps  Leave",))
    if app == "webex":
        return Screen("Webex", kind, f"{title_bits} | Webex" if rng.random() < 0.6 else "Cisco Webex Meetings",
                      (f"Meeting info  {timer}",), (tuple(people) + notes,), (1.0,),
                      footer=("Mute  Stop video  Share  Record  Participants  Chat  End",))
    other = people[0] if people else "Unknown"
    return Screen("RingCentral", "call", "RingCentral" if rng.random() < 0.6 else f"Call with {other}",
                  ("Messages  Video  Phone  Fax  Contacts",), ((other, "On call " + timer) + notes,), (1.0,),
                  footer=("Mute  Keypad  Audio  Hold  Record  Transfer  Notes  End",))


def word(filename: str, path: str | None, body: tuple[str, ...], page: int, pages: int, rng: random.Random) -> Screen:
    suffix = rng.choice(("", "", " - Compatibility Mode", " - Saved to this PC", " - AutoSave Off"))
    return Screen("Microsoft Word", "document", f"{filename}{suffix} - Word",
                  ("File  Home  Insert  Draw  Design  Layout  References  Mailings  Review  View  Help",
                   "Calibri (Body)  11  Normal  No Spacing  Heading 1  Heading 2  Find  Replace  Dictate  Editor"),
                  (body,), (1.0,), path=path,
                  footer=(f"Page {page} of {pages}   {rng.randint(300, 9000):,} words   English (United States)   Track Changes: On",))


def excel(filename: str, path: str | None, rows: tuple[str, ...], sheet: str) -> Screen:
    return Screen("Microsoft Excel", "document", f"{filename} - Excel",
                  ("File  Home  Insert  Page Layout  Formulas  Data  Review  View  Help", "A1    fx"),
                  (rows,), (1.0,), path=path, footer=(f"{sheet}   Sheet2   +      Ready   Average  Count  Sum",))


def pdf(app: str, filename: str, path: str | None, body: tuple[str, ...], page: int, pages: int) -> Screen:
    if app == "Preview":
        title = f"{filename} – Page {page} of {pages}"
        header: tuple[str, ...] = ("Preview  File  Edit  View  Go  Tools  Window  Help",)
    else:
        title = f"{filename} - Adobe Acrobat Reader (64-bit)" if app == "Adobe Acrobat" else f"{filename} - Adobe Acrobat Pro"
        header = ("File  Edit  View  Sign  Window  Help", f"Home  Tools  {filename[:30]}   {page} / {pages}  Comment  Fill & Sign")
    return Screen(app if app == "Preview" else "Adobe Acrobat", "document", title, header, (body,), (1.0,), path=path)


def research(site: str, query: str, results: tuple[str, ...], client_id: str | None, state: str,
             browser: str) -> Screen:
    q = urllib.parse.quote_plus(query)
    if site == "westlaw":
        header = ("Westlaw Precision   Search all content   " + (f"Client ID: {client_id}" if client_id else "Change client ID"),
                  f"Cases ({len(results) * 37})  Statutes  Secondary Sources  Briefs  Folders  History")
        return Screen(browser, "browser", f"{query} | Westlaw Precision", header, (results,), (1.0,),
                      url=f"https://1.next.westlaw.com/Search/Results.html?query={q}&jurisdiction={state}-CS")
    if site == "lexis":
        header = ("Lexis+  Research  Practical Guidance  Brief Analysis  " + (f"Client: {client_id}" if client_id else "Client: -None-"),
                  f"Search: {query}", "Cases  Statutes and Legislation  Secondary Materials  Briefs, Pleadings and Motions")
        return Screen(browser, "browser", f"Lexis+ | Search Results: {query[:40]}", header, (results,), (1.0,),
                      url=f"https://plus.lexis.com/search/?pdsearchterms={q}&pdtypeofsearch=searchboxclick")
    return Screen(browser, "browser", f"{query} - Google Scholar", (f"Google Scholar   {query}", "Articles  Case law  Any time  Since 2025"),
                  (results,), (1.0,), url=f"https://scholar.google.com/scholar?hl=en&as_sdt=4,14&q={q}")


def court_site(kind: str, state: str, number: str, caption: str, lines: tuple[str, ...], judge: str,
               browser: str, rng: random.Random) -> Screen:
    if kind == "cmecf" or number[:2] in ("1:", "2:"):
        court = {"IL": "ilnd", "AZ": "azd", "NY": "nysd"}[state]
        header = ("Civil  Criminal  Query  Reports  Utilities  Help  Log Out",)
        body = (f"Case #: {number}" if rng.random() < 0.8 else "", caption,
                f"Assigned to: Honorable {judge}" if judge else "", "Date Filed  #  Docket Text") + lines
        return Screen(browser, "browser", f"CM/ECF - U.S. District Court:{court} - Docket Report", header, (body,), (1.0,),
                      url=f"https://ecf.{court}.uscourts.gov/cgi-bin/DktRpt.pl?{rng.randint(300000, 499999)}")
    if state == "NY":
        return Screen(browser, "browser", f"NYSCEF - Document List - Index # {number.replace('Index No. ', '')}",
                      ("NYSCEF  New York State Courts Electronic Filing", "My Cases  File a New Case  Search"),
                      ((caption, f"Index # {number}") + lines,), (1.0,),
                      url=f"https://iapps.courts.state.ny.us/nyscef/DocumentList?docketId={rng.randint(10**8, 10**9)}")
    if state == "AZ":
        return Screen(browser, "browser", "AZTurboCourt - My Filings", ("AZTurboCourt   Home  Start a New Case  My Filings  Help",),
                      ((f"Case Number {number}", caption, "Filing Status") + lines,), (1.0,),
                      url="https://turbocourt.azcourts.example/Main/MyFilings")
    return Screen(browser, "browser", "eFileIL - Envelope Details", ("eFileIL  Filings  Service Contacts  Drafts",),
                  ((f"Case # {number}", caption, "Envelope status: Submitted") + lines,), (1.0,),
                  url=f"https://efile.illinoiscourts.example/envelope/{rng.randint(10**7, 10**8)}")


def county_records(state: str, names: tuple[str, ...], browser: str, rng: random.Random) -> Screen:
    county = {"IL": "Cook County Clerk", "AZ": "Maricopa County Recorder", "NY": "NYC ACRIS"}[state]
    rows = tuple(f"{rng.randint(2015, 2026)}-{rng.randint(100000, 999999):07d}  DEED  {n.upper()}  "
                 f"APN {rng.randint(100, 399)}-{rng.randint(10, 99)}-{rng.randint(100, 999)}" for n in names)
    return Screen(browser, "browser", f"{county} - Recorded Document Search", (f"{county}  Recorded Documents  Search",),
                  (("Name search results", *rows),), (1.0,), url="https://recorder.county.example/recdocdata/")


def bar_lookup(state: str, lawyer: str, firm: str, browser: str, rng: random.Random) -> Screen:
    bar = {"IL": "ARDC - Lawyer Search", "AZ": "State Bar of Arizona - Find a Lawyer",
           "NY": "NYS Unified Court System - Attorney Search"}[state]
    body = (f"Name: {lawyer}", f"Firm: {firm}", f"Registration: {rng.randint(1000000, 6999999)}",
            f"Admitted: {rng.randint(1995, 2020)}", "Status: Active, in good standing", "Public discipline: None")
    return Screen(browser, "browser", bar, (bar,), (body,), (1.0,), url="https://bar.example/lawyer-search")


def chat(app: str, other: str, channel: str | None, messages: tuple[str, ...], firm: str) -> Screen:
    if app == "teams":
        title = f"Chat | {channel or other} | Microsoft Teams"
        return Screen("Microsoft Teams", "chat", title, ("Activity  Chat  Teams  Calendar  Calls  Files", f"{channel or other}  Chat  Files"),
                      (("Recent", "Pinned", other), messages), (0.22, 0.78))
    title = f"{('#' + channel) if channel else other} - {firm} - Slack"
    return Screen("Slack", "chat", title, (f"{firm}   Search {firm}",),
                  (("Threads", "Mentions", "Channels", "# general", "# litigation", "Direct messages", other), messages),
                  (0.2, 0.8))


def file_browser(mac: bool, folder: str, files: tuple[str, ...], rng: random.Random) -> Screen:
    """Explorer or Finder open on a folder; the window title is only the folder's last part."""
    leaf = folder.replace("\\", "/").rstrip("/").split("/")[-1]
    rows = tuple(f"{f}   {rng.randint(1, 12)}/{rng.randint(1, 28)}/2026   {rng.randint(12, 4800)} KB" for f in files)
    if mac:
        return Screen("Finder", "app", leaf, ("Favorites  Recents  Applications  Desktop  Documents  Downloads",),
                      (("Favorites", "Dropbox", "iCloud Drive", "Locations"), ("Name  Date Modified  Size", *rows)), (0.2, 0.8))
    return Screen("File Explorer", "app", leaf, ("File  Home  Share  View", folder),
                  (("Quick access", "Desktop", "Downloads", "Documents", "This PC", "Network"), ("Name  Date modified  Type  Size", *rows)),
                  (0.2, 0.8))


def mycase(page: str, lines: tuple[str, ...], title: str, firm_slug: str, browser: str, url_id: int | None) -> Screen:
    base = f"https://{firm_slug}.mycase.example"
    url = f"{base}/court_cases/{url_id}" if url_id else f"{base}/{page}"
    return Screen(browser, "browser", f"{title} | MyCase", ("MyCase  Dashboard  Calendar  Cases  Contacts  Documents  Time & Billing  Reports",),
                  (lines,), (1.0,), url=url)


OFF_PAGES = (
    ("news", "The Daily Ledger", "https://dailyledger.example/markets/{n}",
     ("Markets", "Stocks drift as rate decision nears", "Regional transit fare increase approved",
      "Opinion: the case for four-day weeks", "Weather: rain through Thursday")),
    ("shopping", "Cart - ShopRiver", "https://shopriver.example/cart",
     ("Your cart (2 items)", "Stainless steel water bottle 24 oz  $18.99", "USB-C charging cable 2-pack  $11.49",
      "Subtotal $30.48", "Proceed to checkout")),
    ("benefits", "Open Enrollment - PeopleHub Benefits", "https://peoplehub.example/benefits/enroll",
     ("Open enrollment ends Friday", "Medical  Dental  Vision  FSA  Life", "PPO Plus  employee + family",
      "Compare plans", "Dependent verification required")),
    ("lunch", "LunchDash - Checkout", "https://lunchdash.example/checkout",
     ("Pho Saigon Kitchen", "Chicken pho (large)  $14.50", "Spring rolls  $6.00", "Deliver to office, 12:30 pm",
      "Place order")),
    ("cle", "CLE Portal - My Courses", "https://clecenter.example/my-courses",
     ("Ethics of Generative AI in Legal Practice  1.0 hr Ethics", "Credits earned this period: 9.5 of 15",
      "Certificate available", "Upcoming: Trial Skills Bootcamp")),
    ("weather", "10-Day Forecast - SkyCast", "https://skycast.example/10day",
     ("Today  Partly cloudy  High 54", "Tonight  Showers  Low 41", "Wind NW 12 mph")),
    ("banking", "Accounts Summary - Lakeside Credit Union", "https://lakesidecu.example/accounts",
     ("Checking ...0142  Available balance", "Savings ...0177", "Transfer funds  Pay bills")),
    ("intranet", "Firm Intranet - Announcements", "https://intranet.firm.example/news",
     ("Welcome our new associates", "IT: password reset required by month end", "Holiday schedule posted",
      "Reminder: time entries due Friday 5 pm")),
)


def off_page(kind: str, browser: str, rng: random.Random) -> Screen:
    _, title, url, lines = next(p for p in OFF_PAGES if p[0] == kind)
    url = url.format(n=rng.randint(1000, 9999))
    shown = tuple(rng.sample(lines, k=max(2, len(lines) - rng.randint(0, 2))))
    return Screen(browser, "browser", f"{title} - {browser}" if rng.random() < 0.5 else title,
                  (), (shown,), (1.0,), url=url)
