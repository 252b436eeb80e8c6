package cameo

// blocks are the CAMEO codes that stand in the country slot of an actor
// code for actors that belong to no single state.
var blocks = map[string]string{
	"IGO": "intergovernmental organisation",
	"NGO": "non-governmental organisation",
	"IMG": "international militarized group",
	"MNC": "multinational corporation",
	"UIS": "unidentified state actor",
	"INT": "international or transnational actor, unspecified",
	"NGM": "non-governmental movement",
}

// regions are CAMEO's regional codes; they stand in the country slot (a
// regional actor) or follow IGO (the region an organisation serves).
var regions = map[string]string{
	"AFR": "Africa", "ASA": "Asia", "BLK": "Balkans", "CRB": "Caribbean",
	"CAU": "Caucasus", "CFR": "Central Africa", "CAS": "Central Asia", "CEU": "Central Europe",
	"EIN": "East Indies", "EAF": "Eastern Africa", "EEU": "Eastern Europe", "EUR": "Europe",
	"LAM": "Latin America", "MEA": "Middle East", "MDT": "Mediterranean", "NAF": "North Africa",
	"NMR": "North America", "PGS": "Persian Gulf", "SCN": "Scandinavia", "SAM": "South America",
	"SAS": "South Asia", "SEA": "Southeast Asia", "SAF": "Southern Africa", "WAF": "West Africa",
	"WST": "the West", "ARB": "Arab world", "PAC": "Pacific",
}

// roles are CAMEO's role (sector) codes: the domestic roles, the primary
// and secondary roles that may follow them, and the religion codes used as
// roles. IND has no fixed meaning in the CAMEO manual; parley uses it for
// industry (heavy industry, manufacturing) as distinct from BUS.
var roles = map[string]string{
	// domestic role codes
	"COP": "police forces", "GOV": "government", "INS": "insurgents",
	"JUD": "judiciary", "MIL": "military", "OPP": "political opposition",
	"PTY": "political party", "REB": "rebels", "SEP": "separatist rebels",
	"SPY": "state intelligence services", "UAF": "unaligned armed forces",
	// primary and secondary roles
	"AGR": "agriculture", "BUS": "business", "CRM": "criminal", "CVL": "civilian",
	"DEV": "development", "EDU": "education", "ELI": "elites (former office holders, notables)",
	"ENV": "environment", "HLH": "health", "HRI": "human rights", "LAB": "labour",
	"LEG": "legislature", "MED": "media", "REF": "refugees", "MOD": "moderate",
	"RAD": "radical", "IND": "industry", "REL": "religious (unspecified)",
	"NAV": "navy", "AIR": "air force", "FRM": "foreign ministry",
	"KID": "children", "NGO": "non-governmental organisation",
	"IGO": "intergovernmental organisation", "MNC": "multinational corporation",
	"AMN": "amnesty", "SOC": "social", "PPL": "people",
	// religions
	"ADR": "African diasporic religion", "ALE": "Alewi", "ATH": "agnostic or atheist",
	"BAH": "Bahai", "BUD": "Buddhism", "CHR": "Christianity", "CON": "Confucianism",
	"CPT": "Coptic", "CTH": "Catholic", "DOX": "Orthodox", "DRZ": "Druze",
	"HIN": "Hinduism", "HSD": "Hasidic", "ITH": "indigenous tribal heritage",
	"JAN": "Jainism", "JEW": "Judaism", "JHW": "Jehovah's Witness", "LDS": "Latter Day Saints",
	"MOS": "Islam", "MRN": "Maronite", "NRM": "new religious movement", "PAG": "pagan",
	"PRO": "Protestant", "SFI": "Sufi", "SHI": "Shia", "SHN": "Shinto",
	"SIK": "Sikh", "SUN": "Sunni", "TAO": "Taoist", "UDX": "ultra-orthodox",
	"ZRO": "Zoroastrianism",
}

// orgs are the three-letter codes of named international organisations,
// used after IGO or NGO (IGOUNO, IGOUNOIAE, NGOHLHIRC). Most follow the
// CAMEO manual and the dictionaries built on it; the codes CAMEO does not
// fix are parley's and are listed after the comment inside the map.
var orgs = map[string]string{
	"UNO": "United Nations", "IAE": "International Atomic Energy Agency",
	"WHO": "World Health Organization", "WFP": "World Food Programme",
	"HCR": "UN High Commissioner for Refugees", "FAO": "Food and Agriculture Organization",
	"ILO": "International Labour Organization", "WBK": "World Bank",
	"IMF": "International Monetary Fund", "WTO": "World Trade Organization",
	"ICJ": "International Court of Justice", "ICC": "International Criminal Court",
	"ITP": "Interpol", "IRC": "Red Cross and Red Crescent movement",
	"AMN": "Amnesty International", "EEC": "European Union", "NAT": "NATO",
	"ASN": "ASEAN", "ARL": "Arab League", "OAS": "Organization of American States",
	"OPC": "OPEC", "OIC": "Organisation of Islamic Cooperation", "CWN": "Commonwealth of Nations",
	"CIS": "Commonwealth of Independent States", "WAS": "ECOWAS", "SAA": "SAARC",
	"ADB": "Asian Development Bank", "APE": "APEC", "COE": "Council of Europe",
	"GOS": "Group of Seven", "GOE": "Group of Eight", "IAD": "IGAD",
	"AFB": "African Development Bank",
	// parley's codes where CAMEO fixes none
	"AFU": "African Union", "OSC": "OSCE", "GCC": "Gulf Cooperation Council",
	"SCO": "Shanghai Cooperation Organisation", "BRI": "BRICS", "GTW": "Group of Twenty",
	"HRW": "Human Rights Watch", "MSF": "Medecins Sans Frontieres",
	"ECB": "European Central Bank", "IOM": "International Organization for Migration",
	"OHC": "UN High Commissioner for Human Rights", "UNP": "UN Development Programme",
	"UNR": "UN Relief and Works Agency",
	"UNS": "UNESCO", "MCS": "Mercosur",
	"SAD": "Southern African Development Community", "IEA": "International Energy Agency",
	"ALQ": "al-Qaeda", "ISI": "Islamic State", "HMS": "Hamas", "HEZ": "Hezbollah",
	"GPC": "Greenpeace", "OXF": "Oxfam", "TIN": "Transparency International",
	"RSF": "Reporters Without Borders", "CPJ": "Committee to Protect Journalists",
}
