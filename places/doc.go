// Package places is parley's gazetteer: every country and territory at its
// approximate centre (for the dashboard map), every capital, some 350
// cities that make news, and regions, disputed areas and seas (Crimea,
// Kashmir, Donbas, the Senkaku/Diaoyu Islands, Dokdo/Takeshima, the Kurils,
// the South China Sea), each with its country's ISO 3166 alpha-3 code and
// coordinates. The coder uses it to give an event its location ("held in
// Ulaanbaatar" is MNG).
//
// Lookup and Match ignore case, accents and punctuation inside names.
// Where two places share a name, the first listed wins: a country before
// its capital, a capital before a city. The data files (data/*.txt) are
// written for parley; coordinates are rounded to two decimals.
package places
