package server

// country is a country's name and approximate centroid, for labels and
// the layout of the relations view. This small table stands in until the
// places package provides the full gazetteer.
type country struct {
	Name     string
	Lat, Lon float64
}

var countries = map[string]country{
	"AFG": {"Afghanistan", 33.9, 67.7}, "ARE": {"United Arab Emirates", 23.4, 53.8}, "ARG": {"Argentina", -38.4, -63.6},
	"ARM": {"Armenia", 40.1, 45.0}, "AUS": {"Australia", -25.3, 133.8}, "AUT": {"Austria", 47.5, 14.6},
	"AZE": {"Azerbaijan", 40.1, 47.6}, "BEL": {"Belgium", 50.5, 4.5}, "BGD": {"Bangladesh", 23.7, 90.4},
	"BLR": {"Belarus", 53.7, 27.9}, "BRA": {"Brazil", -14.2, -51.9}, "CAN": {"Canada", 56.1, -106.3},
	"CHE": {"Switzerland", 46.8, 8.2}, "CHL": {"Chile", -35.7, -71.5}, "CHN": {"China", 35.9, 104.2},
	"COL": {"Colombia", 4.6, -74.3}, "CUB": {"Cuba", 21.5, -77.8}, "CZE": {"Czechia", 49.8, 15.5},
	"DEU": {"Germany", 51.2, 10.5}, "DNK": {"Denmark", 56.3, 9.5}, "DZA": {"Algeria", 28.0, 1.7},
	"EGY": {"Egypt", 26.8, 30.8}, "ESP": {"Spain", 40.5, -3.7}, "ETH": {"Ethiopia", 9.1, 40.5},
	"FIN": {"Finland", 61.9, 25.7}, "FRA": {"France", 46.2, 2.2}, "GBR": {"United Kingdom", 55.4, -3.4},
	"GEO": {"Georgia", 42.3, 43.4}, "GRC": {"Greece", 39.1, 21.8}, "HKG": {"Hong Kong", 22.3, 114.2},
	"IDN": {"Indonesia", -0.8, 113.9}, "IND": {"India", 20.6, 79.0}, "IRN": {"Iran", 32.4, 53.7},
	"IRQ": {"Iraq", 33.2, 43.7}, "ISR": {"Israel", 31.0, 34.9}, "ITA": {"Italy", 41.9, 12.6},
	"JOR": {"Jordan", 30.6, 36.2}, "JPN": {"Japan", 36.2, 138.3}, "KAZ": {"Kazakhstan", 48.0, 66.9},
	"KEN": {"Kenya", -0.02, 37.9}, "KHM": {"Cambodia", 12.6, 105.0}, "KOR": {"South Korea", 35.9, 127.8},
	"KWT": {"Kuwait", 29.3, 47.5}, "LBN": {"Lebanon", 33.9, 35.9}, "LBY": {"Libya", 26.3, 17.2},
	"LKA": {"Sri Lanka", 7.9, 80.8}, "MAR": {"Morocco", 31.8, -7.1}, "MEX": {"Mexico", 23.6, -102.6},
	"MMR": {"Myanmar", 21.9, 95.9}, "MNG": {"Mongolia", 46.9, 103.8}, "MYS": {"Malaysia", 4.2, 102.0},
	"NGA": {"Nigeria", 9.1, 8.7}, "NLD": {"Netherlands", 52.1, 5.3}, "NOR": {"Norway", 60.5, 8.5},
	"NPL": {"Nepal", 28.4, 84.1}, "NZL": {"New Zealand", -40.9, 174.9}, "OMN": {"Oman", 21.5, 55.9},
	"PAK": {"Pakistan", 30.4, 69.3}, "PER": {"Peru", -9.2, -75.0}, "PHL": {"Philippines", 12.9, 121.8},
	"POL": {"Poland", 51.9, 19.1}, "PRK": {"North Korea", 40.3, 127.5}, "PRT": {"Portugal", 39.4, -8.2},
	"PSE": {"Palestine", 31.9, 35.2}, "QAT": {"Qatar", 25.4, 51.2}, "ROU": {"Romania", 45.9, 25.0},
	"RUS": {"Russia", 61.5, 105.3}, "SAU": {"Saudi Arabia", 23.9, 45.1}, "SDN": {"Sudan", 12.9, 30.2},
	"SGP": {"Singapore", 1.35, 103.8}, "SOM": {"Somalia", 5.2, 46.2}, "SRB": {"Serbia", 44.0, 21.0},
	"SSD": {"South Sudan", 6.9, 31.3}, "SWE": {"Sweden", 60.1, 18.6}, "SYR": {"Syria", 34.8, 39.0},
	"THA": {"Thailand", 15.9, 101.0}, "TUR": {"Turkey", 39.0, 35.2}, "TWN": {"Taiwan", 23.7, 121.0},
	"UKR": {"Ukraine", 48.4, 31.2}, "USA": {"United States", 37.1, -95.7}, "UZB": {"Uzbekistan", 41.4, 64.6},
	"VEN": {"Venezuela", 6.4, -66.6}, "VNM": {"Vietnam", 14.1, 108.3}, "YEM": {"Yemen", 15.6, 48.5},
	"ZAF": {"South Africa", -30.6, 22.9}, "ZWE": {"Zimbabwe", -19.0, 29.2},
	"IGO": {"Intergovernmental organisations", 46.2, 6.1}, "NGO": {"Non-governmental organisations", 46.2, 6.2},
	"EUR": {"Europe / EU", 50.8, 4.4}, "UNO": {"United Nations", 40.7, -74.0},
}

// countryName returns the name of a country or block code, or the code.
func countryName(code string) string {
	if c, ok := countries[code]; ok {
		return c.Name
	}
	return code
}
