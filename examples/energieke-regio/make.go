//go:build ignore

// Make writes the example data set "Energieke Regio": an invented Dutch
// Learning Community on natural-gas-free neighbourhoods and the regional
// energy transition. Every organisation and person in it is invented.
//
// Run it from the root of the module:
//
//	go run examples/energieke-regio/make.go
//
// It writes the six CSV files to examples/energieke-regio/ and the same data
// set as one JSON document to examples/energieke-regio.json. The partners,
// units, memberships and value records are written out below; the people's
// names and most ties are drawn from a random source with a fixed seed, so
// the output is the same on every run.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ecoscope/ecoscope/generate"
	"github.com/ecoscope/ecoscope/graph"
)

const (
	A = graph.Academia
	I = graph.Industry
	G = graph.Government
	C = graph.CivilSociety
	E = graph.Environment
)

// partner is a row of partners.csv; since and until are YYYY-MM.
type partner struct {
	id, name string
	helix    graph.Helix
	kind     string
	region   string
	since    string
	until    string
	sector   graph.Sector // "" for the default of the helix type
}

var partners = []partner{
	// Academia: universities, hogescholen, mbo colleges, research institutes.
	{id: "uni-rivierstad", name: "Universiteit van Rivierstad", helix: A, kind: "universiteit", region: "Rivierstad", since: "2018-03"},
	{id: "tu-polderwaard", name: "Technische Universiteit Polderwaard", helix: A, kind: "universiteit", region: "Polderwaard", since: "2020-02"},
	{id: "hs-oost-veluwe", name: "Hogeschool Oost-Veluwe", helix: A, kind: "hogeschool", region: "Heuvelrand", since: "2018-03"},
	{id: "hs-rivierstad", name: "Hogeschool Rivierstad", helix: A, kind: "hogeschool", region: "Rivierstad", since: "2018-03"},
	{id: "hs-techniek-polderwaard", name: "Hogeschool voor Techniek en Duurzaamheid Polderwaard", helix: A, kind: "hogeschool", region: "Polderwaard", since: "2021-09"},
	{id: "hs-heuvelrand", name: "Hogeschool Heuvelrand", helix: A, kind: "hogeschool", region: "Heuvelrand", since: "2023-02"},
	{id: "roc-rivierstad", name: "ROC Rivierstad", helix: A, kind: "mbo", region: "Rivierstad", since: "2018-03"},
	{id: "roc-de-waarden", name: "ROC De Waarden", helix: A, kind: "mbo", region: "Oudewaard", since: "2019-09"},
	{id: "mbo-zandhoven", name: "mbo College Zandhoven", helix: A, kind: "mbo", region: "Zandhoven", since: "2020-09"},
	{id: "vakschool-heuvelrand", name: "Vakschool Installatietechniek Heuvelrand", helix: A, kind: "mbo", region: "Heuvelrand", since: "2022-01"},
	{id: "techniekcollege-polderwaard", name: "Techniekcollege Polderwaard", helix: A, kind: "mbo", region: "Polderwaard", since: "2024-09"},
	{id: "aoc-veenoord", name: "Agrarisch Opleidingscentrum Veenoord", helix: A, kind: "mbo", region: "Veenoord", since: "2025-02"},
	{id: "instituut-energie-omgeving", name: "Onderzoeksinstituut Energie & Omgeving", helix: A, kind: "onderzoeksinstituut", region: "Rivierstad", since: "2018-03"},
	{id: "instituut-gebouwde-omgeving", name: "Instituut voor Duurzame Gebouwde Omgeving", helix: A, kind: "onderzoeksinstituut", region: "Zandhoven", since: "2019-04"},
	{id: "waterstoflab", name: "Waterstoflab Polderwaard", helix: A, kind: "onderzoeksinstituut", region: "Polderwaard", since: "2020-06"},
	{id: "instituut-gedrag-energie", name: "Instituut voor Gedrag en Energie", helix: A, kind: "onderzoeksinstituut", region: "Rivierstad", since: "2021-01"},
	{id: "datalab-rivierstreek", name: "Datalab Rivierstreek", helix: A, kind: "onderzoeksinstituut", region: "Rivierstad", since: "2022-01", sector: graph.Nonprofit},
	{id: "praktijkcentrum-bouw", name: "Praktijkcentrum Bouw en Techniek", helix: A, kind: "praktijkcentrum", region: "Oudewaard", since: "2023-06"},
	{id: "open-leerhuis", name: "Open Leerhuis Rivierstad", helix: A, kind: "volwassenenonderwijs", region: "Rivierstad", since: "2024-03"},
	{id: "kennisinstituut-netwerkstad", name: "Kennisinstituut Netwerkstad", helix: A, kind: "onderzoeksinstituut", region: "Rivierstad", since: "2025-10"},
	{id: "kenniscentrum-warmtenetten", name: "Kenniscentrum Warmtenetten Rivierstreek", helix: A, kind: "onderzoeksinstituut", region: "Rivierstad", since: "2019-11"},
	{id: "roc-veenoord-heuvelrand", name: "ROC Veenoord-Heuvelrand", helix: A, kind: "mbo", region: "Veenoord", since: "2021-02"},
	{id: "hs-zandhoven", name: "Hogeschool Zandhoven", helix: A, kind: "hogeschool", region: "Zandhoven", since: "2022-09"},
	{id: "instituut-water-klimaat", name: "Instituut voor Water en Klimaat", helix: A, kind: "onderzoeksinstituut", region: "Polderwaard", since: "2023-11"},
	{id: "vakopleiding-bouw", name: "Vakopleiding Bouw Rivierstreek", helix: A, kind: "mbo", region: "Oudewaard", since: "2026-01"},

	// Industry: installers.
	{id: "devries-installatie", name: "Installatiebedrijf De Vries & Zn", helix: I, kind: "installateur", region: "Rivierstad", since: "2018-03"},
	{id: "bakker-installatietechniek", name: "Installatietechniek Bakker Rivierstad", helix: I, kind: "installateur", region: "Rivierstad", since: "2018-03", until: "2022-12"},
	{id: "jansen-warmte", name: "Jansen Warmte & Klimaat", helix: I, kind: "installateur", region: "Zandhoven", since: "2019-02"},
	{id: "vandijk-installatiegroep", name: "Van Dijk Installatiegroep", helix: I, kind: "installateur", region: "Oudewaard", since: "2019-06"},
	{id: "warmtepompspecialist-zuidoost", name: "Warmtepompspecialist Zuidoost", helix: I, kind: "installateur", region: "Heuvelrand", since: "2020-03"},
	{id: "mulder-loodgieters", name: "Loodgietersbedrijf Mulder", helix: I, kind: "installateur", region: "Veenoord", since: "2021-05"},
	{id: "visser-elektrotechniek", name: "Elektrotechniek Visser", helix: I, kind: "installateur", region: "Zandhoven", since: "2019-10"},
	{id: "smit-klimaatinstallaties", name: "Klimaatinstallaties Smit", helix: I, kind: "installateur", region: "Polderwaard", since: "2021-02"},
	{id: "kok-meijer", name: "Installatiebedrijf Kok & Meijer", helix: I, kind: "installateur", region: "Rivierstad", since: "2020-11"},
	{id: "degroot-installaties", name: "De Groot Duurzame Installaties", helix: I, kind: "installateur", region: "Heuvelrand", since: "2022-04"},
	{id: "bos-elektro", name: "Bos Elektro", helix: I, kind: "installateur", region: "Oudewaard", since: "2023-03"},
	{id: "hendriks-installatietechniek", name: "Hendriks Installatietechniek", helix: I, kind: "installateur", region: "Veenoord", since: "2023-09"},
	{id: "dekker-verwarming", name: "Dekker Verwarming", helix: I, kind: "installateur", region: "Zandhoven", since: "2024-02"},
	{id: "brouwer-installatieservice", name: "Brouwer Installatieservice", helix: I, kind: "installateur", region: "Polderwaard", since: "2024-10"},
	{id: "energiemonteurs-rivierstreek", name: "Energiemonteurs Rivierstreek", helix: I, kind: "installateur", region: "Rivierstad", since: "2025-04"},
	{id: "peters-zonnepanelen", name: "Zonnepanelen Peters", helix: I, kind: "installateur", region: "Heuvelrand", since: "2025-09"},

	// Industry: construction.
	{id: "bouwgroep-rivierstad", name: "Bouwgroep Rivierstad", helix: I, kind: "bouwbedrijf", region: "Rivierstad", since: "2018-03"},
	{id: "vandenberg-bouw", name: "Bouwbedrijf Van den Berg", helix: I, kind: "bouwbedrijf", region: "Zandhoven", since: "2019-05"},
	{id: "dijkstra-aannemers", name: "Aannemersbedrijf Dijkstra", helix: I, kind: "bouwbedrijf", region: "Oudewaard", since: "2020-08"},
	{id: "huisman-renovatie", name: "Renovatiebedrijf Huisman", helix: I, kind: "bouwbedrijf", region: "Rivierstad", since: "2019-01"},
	{id: "dewit-timmerfabriek", name: "Timmerfabriek De Wit", helix: I, kind: "bouwbedrijf", region: "Veenoord", since: "2022-06"},
	{id: "prefab-polderwaard", name: "Prefab Woningbouw Polderwaard", helix: I, kind: "bouwbedrijf", region: "Polderwaard", since: "2021-10"},
	{id: "warmdicht-isolatie", name: "Isolatiebedrijf Warmdicht", helix: I, kind: "bouwbedrijf", region: "Rivierstad", since: "2018-09"},
	{id: "vermeulen-dakspecialist", name: "Dakspecialist Vermeulen", helix: I, kind: "bouwbedrijf", region: "Heuvelrand", since: "2023-11"},
	{id: "bouwcombinatie-zandhoven", name: "Bouwcombinatie Zandhoven", helix: I, kind: "bouwbedrijf", region: "Zandhoven", since: "2024-05"},
	{id: "koster-bouw", name: "Koster Bouw & Onderhoud", helix: I, kind: "bouwbedrijf", region: "Oudewaard", since: "2025-03"},
	{id: "prins-steigerbouw", name: "Steigerbouw Prins", helix: I, kind: "bouwbedrijf", region: "Polderwaard", since: "2025-11"},
	{id: "gevelrenovatie-oost", name: "Gevelrenovatie Oost", helix: I, kind: "bouwbedrijf", region: "Heuvelrand", since: "2026-02"},

	// Industry: energy companies.
	{id: "netbeheerder-rivierstreek", name: "Netbeheerder Rivierstreek", helix: I, kind: "netbeheerder", region: "Rivierstad", since: "2018-03", sector: graph.Public},
	{id: "warmtebedrijf-rivierstad", name: "Warmtebedrijf Rivierstad", helix: I, kind: "energiebedrijf", region: "Rivierstad", since: "2018-03", sector: graph.Public},
	{id: "groenstroom-oost", name: "Energiebedrijf Groenstroom Oost", helix: I, kind: "energiebedrijf", region: "Heuvelrand", since: "2019-03"},
	{id: "zonnepark-ontwikkeling", name: "Zonnepark Ontwikkeling Polderwaard", helix: I, kind: "energiebedrijf", region: "Polderwaard", since: "2020-05"},
	{id: "windkracht-heuvelrand", name: "Windkracht Heuvelrand", helix: I, kind: "energiebedrijf", region: "Heuvelrand", since: "2021-04"},
	{id: "biogas-veenoord", name: "Biogas Veenoord", helix: I, kind: "energiebedrijf", region: "Veenoord", since: "2022-09"},
	{id: "waterstof-polderwaard", name: "Waterstof Polderwaard BV", helix: I, kind: "energiebedrijf", region: "Polderwaard", since: "2020-06"},
	{id: "stroomkracht", name: "Energieleverancier Stroomkracht", helix: I, kind: "energiebedrijf", region: "Zandhoven", since: "2019-08", until: "2022-10"},
	{id: "aardwarmte-zandhoven", name: "Aardwarmte Zandhoven", helix: I, kind: "energiebedrijf", region: "Zandhoven", since: "2023-01"},
	{id: "opslagplus", name: "OpslagPlus Energieopslag", helix: I, kind: "energiebedrijf", region: "Polderwaard", since: "2024-06"},
	{id: "laadpalen-rivierstreek", name: "Laadpalen Rivierstreek", helix: I, kind: "energiebedrijf", region: "Zandhoven", since: "2021-11"},
	{id: "jacobs-energiediensten", name: "Energiediensten Jacobs", helix: I, kind: "energiebedrijf", region: "Oudewaard", since: "2025-06"},

	// Industry: tech startups.
	{id: "warmtewijzer", name: "Warmtewijzer", helix: I, kind: "startup", region: "Rivierstad", since: "2021-01"},
	{id: "slimwonen", name: "Slimwonen Technologies", helix: I, kind: "startup", region: "Rivierstad", since: "2019-11"},
	{id: "gridsense", name: "GridSense", helix: I, kind: "startup", region: "Zandhoven", since: "2019-07"},
	{id: "hydronova", name: "HydroNova", helix: I, kind: "startup", region: "Polderwaard", since: "2021-03"},
	{id: "buurtbatterij", name: "Buurtbatterij BV", helix: I, kind: "startup", region: "Zandhoven", since: "2020-01"},
	{id: "energiedata-rivierstad", name: "Energiedata Rivierstad", helix: I, kind: "startup", region: "Rivierstad", since: "2022-02"},
	{id: "thermoscan", name: "ThermoScan", helix: I, kind: "startup", region: "Heuvelrand", since: "2022-08"},
	{id: "voltaplein", name: "Voltaplein", helix: I, kind: "startup", region: "Zandhoven", since: "2023-04"},
	{id: "dakdelen", name: "DakDelen", helix: I, kind: "startup", region: "Rivierstad", since: "2023-10"},
	{id: "circulairbouwen-lab", name: "CirculairBouwen Lab", helix: I, kind: "startup", region: "Oudewaard", since: "2024-01"},
	{id: "isolatierobot", name: "Isolatierobot BV", helix: I, kind: "startup", region: "Rivierstad", since: "2020-10", until: "2023-06"},
	{id: "warmtematch", name: "WarmteMatch", helix: I, kind: "startup", region: "Rivierstad", since: "2024-04"},
	{id: "netbalans", name: "NetBalans", helix: I, kind: "startup", region: "Zandhoven", since: "2024-11"},
	{id: "meterwijs", name: "Meterwijs", helix: I, kind: "startup", region: "Polderwaard", since: "2025-05"},

	// Industry: consultancies, finance and services.
	{id: "adviesbureau-energieneutraal", name: "Adviesbureau Energieneutraal", helix: I, kind: "adviesbureau", region: "Rivierstad", since: "2019-03"},
	{id: "dehaan-ingenieurs", name: "Ingenieursbureau De Haan", helix: I, kind: "adviesbureau", region: "Oudewaard", since: "2020-04"},
	{id: "bureau-wijkaanpak", name: "Bureau Wijkaanpak", helix: I, kind: "adviesbureau", region: "Rivierstad", since: "2021-06"},
	{id: "procesmanagement-rivierstad", name: "Procesmanagement Rivierstad", helix: I, kind: "adviesbureau", region: "Rivierstad", since: "2019-09", until: "2025-01"},
	{id: "energieadvies-zandhoven", name: "Energieadvies Zandhoven", helix: I, kind: "adviesbureau", region: "Zandhoven", since: "2022-03"},
	{id: "regiobank-rivierstreek", name: "Coöperatieve Regiobank Rivierstreek", helix: I, kind: "bank", region: "Rivierstad", since: "2020-01"},
	{id: "bouwfysica-oost", name: "Bouwfysica Adviseurs Oost", helix: I, kind: "adviesbureau", region: "Heuvelrand", since: "2023-05"},
	{id: "communicatiebureau-helder", name: "Communicatiebureau Helder", helix: I, kind: "adviesbureau", region: "Rivierstad", since: "2024-07"},
	{id: "datacentrum-polderwaard", name: "Datacentrum Polderwaard", helix: I, kind: "datacentrum", region: "Polderwaard", since: "2022-11"},
	{id: "subsidieadvies-groen", name: "Subsidieadvies Groen & Co", helix: I, kind: "adviesbureau", region: "Veenoord", since: "2025-08"},

	// Industry: manufacturing, trade and transport.
	{id: "warmtepompfabriek", name: "Warmtepompfabriek Nederland-Oost", helix: I, kind: "industrie", region: "Heuvelrand", since: "2019-04"},
	{id: "kabelfabriek-rivierstad", name: "Kabelfabriek Rivierstad", helix: I, kind: "industrie", region: "Rivierstad", since: "2021-08"},
	{id: "vanleeuwen-transport", name: "Transportbedrijf Van Leeuwen", helix: I, kind: "transport", region: "Polderwaard", since: "2021-04"},
	{id: "metaal-polderwaard", name: "Metaalbewerking Polderwaard", helix: I, kind: "industrie", region: "Polderwaard", since: "2020-09"},
	{id: "glastuinbouw-veenoord", name: "Glastuinbouw Veenoord", helix: I, kind: "tuinbouw", region: "Veenoord", since: "2023-08"},
	{id: "chemiepark-polderwaard", name: "Chemiepark Polderwaard", helix: I, kind: "industrie", region: "Polderwaard", since: "2020-06"},
	{id: "groothandel-installatie", name: "Groothandel Installatiematerialen Rivierstad", helix: I, kind: "groothandel", region: "Rivierstad", since: "2019-10"},
	{id: "bouwkringloop", name: "Recyclingbedrijf Bouwkringloop", helix: I, kind: "recycling", region: "Oudewaard", since: "2024-08"},

	// Government: municipalities, province, water boards, agencies.
	{id: "gemeente-rivierstad", name: "Gemeente Rivierstad", helix: G, kind: "gemeente", region: "Rivierstad", since: "2018-03"},
	{id: "gemeente-zandhoven", name: "Gemeente Zandhoven", helix: G, kind: "gemeente", region: "Zandhoven", since: "2018-03"},
	{id: "gemeente-polderwaard", name: "Gemeente Polderwaard", helix: G, kind: "gemeente", region: "Polderwaard", since: "2019-01"},
	{id: "gemeente-heuvelrand", name: "Gemeente Heuvelrand", helix: G, kind: "gemeente", region: "Heuvelrand", since: "2019-06"},
	{id: "gemeente-veenoord", name: "Gemeente Veenoord", helix: G, kind: "gemeente", region: "Veenoord", since: "2020-10"},
	{id: "gemeente-oudewaard", name: "Gemeente Oudewaard", helix: G, kind: "gemeente", region: "Oudewaard", since: "2020-03"},
	{id: "gemeente-dijkzicht", name: "Gemeente Dijkzicht", helix: G, kind: "gemeente", region: "Polderwaard", since: "2021-09"},
	{id: "gemeente-lindenhoven", name: "Gemeente Lindenhoven", helix: G, kind: "gemeente", region: "Rivierstad", since: "2022-02"},
	{id: "gemeente-breedwater", name: "Gemeente Breedwater", helix: G, kind: "gemeente", region: "Oudewaard", since: "2022-10"},
	{id: "gemeente-eikelo", name: "Gemeente Eikelo", helix: G, kind: "gemeente", region: "Heuvelrand", since: "2023-04"},
	{id: "gemeente-kampenveen", name: "Gemeente Kampenveen", helix: G, kind: "gemeente", region: "Veenoord", since: "2023-10"},
	{id: "gemeente-weidevelde", name: "Gemeente Weidevelde", helix: G, kind: "gemeente", region: "Zandhoven", since: "2024-03"},
	{id: "gemeente-oosterhaven", name: "Gemeente Oosterhaven", helix: G, kind: "gemeente", region: "Polderwaard", since: "2024-09"},
	{id: "gemeente-nieuwsloot", name: "Gemeente Nieuwsloot", helix: G, kind: "gemeente", region: "Veenoord", since: "2025-04"},
	{id: "gemeente-hoogeberg", name: "Gemeente Hoogeberg", helix: G, kind: "gemeente", region: "Heuvelrand", since: "2026-02"},
	{id: "provincie-rivierstreek", name: "Provincie Rivierstreek", helix: G, kind: "provincie", region: "Rivierstreek", since: "2018-03"},
	{id: "waterschap-groote-waard", name: "Waterschap Groote Waard", helix: G, kind: "waterschap", region: "Polderwaard", since: "2018-06"},
	{id: "waterschap-veen-heuvel", name: "Waterschap Veen en Heuvel", helix: G, kind: "waterschap", region: "Veenoord", since: "2022-05"},
	{id: "energieloket-rivierstreek", name: "Regionaal Energieloket Rivierstreek", helix: G, kind: "regionale dienst", region: "Rivierstreek", since: "2019-02"},
	{id: "omgevingsdienst-rivierstreek", name: "Omgevingsdienst Rivierstreek", helix: G, kind: "regionale dienst", region: "Rivierstreek", since: "2021-02"},
	{id: "ggd-rivierstreek", name: "GGD Rivierstreek", helix: G, kind: "regionale dienst", region: "Rivierstreek", since: "2023-01"},
	{id: "rijksdienst-duurzame-wijken", name: "Rijksdienst voor Duurzame Wijken", helix: G, kind: "rijksdienst", region: "landelijk", since: "2020-09"},
	{id: "programmabureau-aardgasvrij", name: "Nationaal Programmabureau Aardgasvrij", helix: G, kind: "rijksdienst", region: "landelijk", since: "2022-07"},
	{id: "rom-rivierstreek", name: "Regionale Ontwikkelingsmaatschappij Rivierstreek", helix: G, kind: "ontwikkelingsmaatschappij", region: "Rivierstreek", since: "2018-03"},
	{id: "regio-rivierstreek", name: "Samenwerkingsverband Regio Rivierstreek", helix: G, kind: "regionaal samenwerkingsverband", region: "Rivierstreek", since: "2021-05"},

	// Civil society: energy cooperatives, residents, neighbourhood councils, foundations.
	{id: "ec-zonnedael", name: "Energiecoöperatie Zonnedael", helix: C, kind: "energiecoöperatie", region: "Rivierstad", since: "2018-03"},
	{id: "ec-rivierstroom", name: "Energiecoöperatie Rivierstroom", helix: C, kind: "energiecoöperatie", region: "Oudewaard", since: "2019-05"},
	{id: "ec-zandhoven-duurzaam", name: "Energiecoöperatie Zandhoven Duurzaam", helix: C, kind: "energiecoöperatie", region: "Zandhoven", since: "2019-09"},
	{id: "bewonerscoop-oude-wijk", name: "Bewonerscoöperatie Oude Wijk", helix: C, kind: "bewonerscoöperatie", region: "Rivierstad", since: "2019-01"},
	{id: "bewonerscoop-lindenhof", name: "Bewonerscoöperatie Lindenhof", helix: C, kind: "bewonerscoöperatie", region: "Rivierstad", since: "2024-06"},
	{id: "wijkraad-rivierstad-noord", name: "Wijkraad Rivierstad-Noord", helix: C, kind: "wijkraad", region: "Rivierstad", since: "2020-02"},
	{id: "wijkraad-zandhoven-centrum", name: "Wijkraad Zandhoven-Centrum", helix: C, kind: "wijkraad", region: "Zandhoven", since: "2021-03"},
	{id: "warm-dorp-veenoord", name: "Buurtinitiatief Warm Dorp Veenoord", helix: C, kind: "bewonersinitiatief", region: "Veenoord", since: "2022-09"},
	{id: "stichting-duurzaam-polderwaard", name: "Stichting Duurzaam Polderwaard", helix: C, kind: "stichting", region: "Polderwaard", since: "2023-02"},
	{id: "stichting-samen-warm", name: "Stichting Samen Warm", helix: C, kind: "stichting", region: "Rivierstad", since: "2021-10"},
	{id: "woningcorporatie-thuis", name: "Woningcorporatie Thuis in de Regio", helix: C, kind: "woningcorporatie", region: "Rivierstad", since: "2018-03"},
	{id: "woonstichting-de-linden", name: "Woonstichting De Linden", helix: C, kind: "woningcorporatie", region: "Zandhoven", since: "2022-04"},
	{id: "huurdersvereniging-rivierstad", name: "Huurdersvereniging Rivierstad", helix: C, kind: "vereniging", region: "Rivierstad", since: "2023-06"},
	{id: "huiseigenaren-rivierstreek", name: "Vereniging Huiseigenaren Rivierstreek", helix: C, kind: "vereniging", region: "Rivierstreek", since: "2024-01"},
	{id: "jongeren-klimaat", name: "Stichting Jongeren & Klimaat", helix: C, kind: "stichting", region: "Rivierstad", since: "2020-06", until: "2024-05"},
	{id: "dorpsraad-kampenveen", name: "Dorpsraad Kampenveen", helix: C, kind: "wijkraad", region: "Veenoord", since: "2024-10"},
	{id: "repair-cafe-rivierstad", name: "Stichting Repair Café Rivierstad", helix: C, kind: "stichting", region: "Rivierstad", since: "2025-01"},
	{id: "energiecoaches-rivierstreek", name: "Energiecoaches Rivierstreek", helix: C, kind: "vrijwilligersorganisatie", region: "Rivierstreek", since: "2022-11"},
	{id: "seniorenvereniging-zandhoven", name: "Seniorenvereniging Zandhoven", helix: C, kind: "vereniging", region: "Zandhoven", since: "2025-06"},
	{id: "wijkwerk-breedwater", name: "Stichting Wijkwerk Breedwater", helix: C, kind: "stichting", region: "Oudewaard", since: "2025-09"},
	{id: "welzijn-rivierstad", name: "Welzijnsorganisatie Rivierstad", helix: C, kind: "welzijnsorganisatie", region: "Rivierstad", since: "2023-09"},
	{id: "burgerpanel-heuvelrand", name: "Burgerpanel Energie Heuvelrand", helix: C, kind: "bewonersinitiatief", region: "Heuvelrand", since: "2026-01"},

	// Environment: nature organisations and landscape management.
	{id: "natuurlijk-ijsseldelta", name: "Stichting Natuurlijk IJsseldelta", helix: E, kind: "natuurorganisatie", region: "Polderwaard", since: "2021-04"},
	{id: "groene-waard", name: "Natuurvereniging De Groene Waard", helix: E, kind: "natuurorganisatie", region: "Polderwaard", since: "2021-04"},
	{id: "landschapsbeheer-rivierstreek", name: "Landschapsbeheer Rivierstreek", helix: E, kind: "landschapsbeheer", region: "Rivierstreek", since: "2021-06"},
	{id: "vogelwerkgroep-polderwaard", name: "Vogelwerkgroep Polderwaard", helix: E, kind: "natuurorganisatie", region: "Polderwaard", since: "2022-03"},
	{id: "stichting-bodemleven", name: "Stichting Bodemleven", helix: E, kind: "natuurorganisatie", region: "Veenoord", since: "2022-08"},
	{id: "nmf-rivierstreek", name: "Natuur- en Milieufederatie Rivierstreek", helix: E, kind: "milieuorganisatie", region: "Rivierstreek", since: "2021-09"},
	{id: "bijenstichting-heuvelrand", name: "Bijenstichting Heuvelrand", helix: E, kind: "natuurorganisatie", region: "Heuvelrand", since: "2024-04"},
	{id: "natuurcentrum-uiterwaard", name: "Natuureducatiecentrum De Uiterwaard", helix: E, kind: "natuurorganisatie", region: "Oudewaard", since: "2023-03"},
	{id: "stichting-rivierherstel", name: "Stichting Rivierherstel", helix: E, kind: "natuurorganisatie", region: "Rivierstad", since: "2024-09"},
	{id: "milieuplatform-zandhoven", name: "Milieuplatform Zandhoven", helix: E, kind: "milieuorganisatie", region: "Zandhoven", since: "2025-05"},
}

// staff gives a partner people: their disciplines and job roles, in pairs.
type staff struct {
	partner string
	people  [][2]string // discipline, role
}

var staffing = []staff{
	{"uni-rivierstad", [][2]string{{"bestuurskunde", "universitair docent"}, {"data science", "onderzoeker"}, {"werktuigbouwkunde", "hoogleraar"}, {"sociologie", "promovendus"}}},
	{"tu-polderwaard", [][2]string{{"scheikunde", "onderzoeker"}, {"elektrotechniek", "hoogleraar"}}},
	{"hs-oost-veluwe", [][2]string{{"onderwijskunde", "lector"}, {"installatietechniek", "docent"}, {"bouwkunde", "docent-onderzoeker"}, {"data science", "onderzoeker"}}},
	{"hs-rivierstad", [][2]string{{"bestuurskunde", "lector"}, {"communicatie", "docent"}, {"energietechniek", "docent-onderzoeker"}}},
	{"roc-rivierstad", [][2]string{{"onderwijskunde", "teamleider"}, {"installatietechniek", "docent"}, {"installatietechniek", "docent"}, {"installatietechniek", "docent"}, {"elektrotechniek", "docent"}, {"installatietechniek", "praktijkopleider"}, {"bouwkunde", "docent"}}},
	{"roc-de-waarden", [][2]string{{"installatietechniek", "docent"}, {"onderwijskunde", "opleidingsmanager"}}},
	{"mbo-zandhoven", [][2]string{{"elektrotechniek", "docent"}}},
	{"instituut-energie-omgeving", [][2]string{{"energietechniek", "senior onderzoeker"}, {"data science", "onderzoeker"}, {"ruimtelijke ordening", "onderzoeker"}}},
	{"instituut-gebouwde-omgeving", [][2]string{{"bouwkunde", "onderzoeker"}, {"bouwfysica", "senior onderzoeker"}}},
	{"waterstoflab", [][2]string{{"scheikunde", "labmanager"}, {"werktuigbouwkunde", "onderzoeker"}}},
	{"instituut-gedrag-energie", [][2]string{{"psychologie", "onderzoeker"}, {"sociologie", "onderzoeker"}}},
	{"datalab-rivierstreek", [][2]string{{"data science", "data engineer"}}},
	{"devries-installatie", [][2]string{{"installatietechniek", "eigenaar"}, {"installatietechniek", "monteur"}}},
	{"bakker-installatietechniek", [][2]string{{"installatietechniek", "eigenaar"}}},
	{"jansen-warmte", [][2]string{{"installatietechniek", "projectleider"}}},
	{"vandijk-installatiegroep", [][2]string{{"installatietechniek", "opleidingscoördinator"}, {"werktuigbouwkunde", "werkvoorbereider"}}},
	{"warmtepompspecialist-zuidoost", [][2]string{{"installatietechniek", "eigenaar"}}},
	{"visser-elektrotechniek", [][2]string{{"elektrotechniek", "eigenaar"}}},
	{"smit-klimaatinstallaties", [][2]string{{"installatietechniek", "monteur"}}},
	{"kok-meijer", [][2]string{{"installatietechniek", "leermeester"}}},
	{"degroot-installaties", [][2]string{{"installatietechniek", "eigenaar"}}},
	{"netbeheerder-rivierstreek", [][2]string{{"elektrotechniek", "netstrateeg"}, {"data science", "data-analist"}}},
	{"warmtebedrijf-rivierstad", [][2]string{{"energietechniek", "projectleider"}}},
	{"waterstof-polderwaard", [][2]string{{"werktuigbouwkunde", "technisch directeur"}}},
	{"warmtewijzer", [][2]string{{"data science", "oprichter"}}},
	{"gridsense", [][2]string{{"elektrotechniek", "oprichter"}}},
	{"buurtbatterij", [][2]string{{"bedrijfskunde", "directeur"}}},
	{"hydronova", [][2]string{{"scheikunde", "oprichter"}}},
	{"bouwgroep-rivierstad", [][2]string{{"bouwkunde", "projectontwikkelaar"}}},
	{"vandenberg-bouw", [][2]string{{"bouwkunde", "uitvoerder"}}},
	{"adviesbureau-energieneutraal", [][2]string{{"energietechniek", "adviseur"}}},
	{"gemeente-rivierstad", [][2]string{{"bestuurskunde", "beleidsadviseur energie"}, {"ruimtelijke ordening", "programmamanager warmtetransitie"}, {"communicatie", "wijkregisseur"}}},
	{"gemeente-zandhoven", [][2]string{{"bestuurskunde", "beleidsadviseur"}}},
	{"gemeente-polderwaard", [][2]string{{"economie", "accountmanager bedrijven"}}},
	{"provincie-rivierstreek", [][2]string{{"bestuurskunde", "programmamanager energie"}, {"economie", "beleidsadviseur"}}},
	{"waterschap-groote-waard", [][2]string{{"watermanagement", "beleidsadviseur"}, {"ecologie", "ecoloog"}}},
	{"rijksdienst-duurzame-wijken", [][2]string{{"bestuurskunde", "adviseur"}}},
	{"rom-rivierstreek", [][2]string{{"bedrijfskunde", "programmamanager"}}},
	{"energieloket-rivierstreek", [][2]string{{"energietechniek", "energieadviseur"}}},
	{"ec-zonnedael", [][2]string{{"bedrijfskunde", "voorzitter"}, {"energietechniek", "energiecoach"}}},
	{"ec-rivierstroom", [][2]string{{"communicatie", "bestuurslid"}}},
	{"bewonerscoop-oude-wijk", [][2]string{{"sociologie", "wijkcoördinator"}}},
	{"wijkraad-rivierstad-noord", [][2]string{{"sociaal werk", "voorzitter"}}},
	{"woningcorporatie-thuis", [][2]string{{"bouwkunde", "vastgoedmanager"}, {"sociaal werk", "bewonersconsulent"}}},
	{"stichting-samen-warm", [][2]string{{"sociaal werk", "coördinator"}}},
	{"natuurlijk-ijsseldelta", [][2]string{{"ecologie", "projectleider"}}},
	{"landschapsbeheer-rivierstreek", [][2]string{{"ecologie", "landschapsbeheerder"}}},
}

var (
	givenNames = []string{
		"Anna", "Bram", "Charlotte", "Daan", "Emma", "Fatima", "Gijs", "Hanna", "Ilse", "Joost",
		"Koen", "Lotte", "Mohamed", "Noor", "Olaf", "Priya", "Ruben", "Sanne", "Thijs", "Yara",
		"Wouter", "Iris", "Lucas", "Eva", "Sem", "Mila", "Tim", "Zoë", "Milan", "Femke",
		"Jeroen", "Marieke", "Hamza", "Linda", "Pieter", "Esther", "Kees", "Nadia", "Rik", "Sofie",
	}
	familyNames = []string{
		"de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos",
		"Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
		"van der Meer", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Berg", "van Dijk", "Koster", "Prins", "Huisman",
		"El Amrani", "Yilmaz", "Postma", "Kuipers", "Veenstra", "Willems", "Hoekstra", "Schouten", "Maas", "Verhoeven",
	}
)

// unit is a row of units.csv with its members: "id" or "id role" or
// "id role since until" (YYYY-MM; "-" keeps the default), where id is a
// partner or a person ("@partner/n" for the n-th person of a partner).
type unit struct {
	id, name  string
	form      graph.Form
	parent    string
	challenge string
	since     string
	until     string
	cadence   string
	members   []string
}

var units = []unit{
	{
		id: "lc-energieke-regio", name: "Learning Community Energieke Regio", form: graph.FormEcosystem,
		challenge: "aardgasvrije wijken en de energietransitie in de regio", since: "2018-03", cadence: "per kwartaal",
		members: []string{
			"rom-rivierstreek coordinator", "hs-oost-veluwe facilitator", "provincie-rivierstreek",
			"uni-rivierstad", "hs-rivierstad", "roc-rivierstad", "instituut-energie-omgeving",
			"gemeente-rivierstad", "gemeente-zandhoven", "netbeheerder-rivierstreek", "warmtebedrijf-rivierstad",
			"devries-installatie", "bouwgroep-rivierstad", "ec-zonnedael", "woningcorporatie-thuis", "waterschap-groote-waard",
			"bakker-installatietechniek", "gemeente-polderwaard", "roc-de-waarden", "energieloket-rivierstreek",
			"tu-polderwaard", "bewonerscoop-oude-wijk user", "rijksdienst-duurzame-wijken", "regiobank-rivierstreek",
			"regio-rivierstreek", "gemeente-heuvelrand", "gemeente-oudewaard", "programmabureau-aardgasvrij",
			"hs-techniek-polderwaard", "ec-zandhoven-duurzaam", "ec-rivierstroom", "hs-heuvelrand", "gemeente-veenoord",
			"energiecoaches-rivierstreek user", "gemeente-lindenhoven", "omgevingsdienst-rivierstreek",
		},
	},
	{
		id: "fl-aardgasvrije-wijken", name: "Fieldlab Aardgasvrije Wijken Rivierstad", form: graph.FormFieldlab,
		parent: "lc-energieke-regio", challenge: "bestaande wijken van het aardgas af, samen met bewoners",
		since: "2018-09", cadence: "maandelijks",
		members: []string{
			"gemeente-rivierstad coordinator", "hs-rivierstad facilitator", "devries-installatie",
			"bakker-installatietechniek member - 2021-12", "jansen-warmte", "warmtebedrijf-rivierstad", "woningcorporatie-thuis",
			"ec-zonnedael", "bewonerscoop-oude-wijk user", "wijkraad-rivierstad-noord user", "instituut-gedrag-energie",
			"warmtewijzer", "roc-rivierstad", "warmdicht-isolatie", "huisman-renovatie", "adviesbureau-energieneutraal",
			"procesmanagement-rivierstad facilitator 2019-09 2022-06", "instituut-gebouwde-omgeving", "stichting-samen-warm",
			"bureau-wijkaanpak", "bewonerscoop-lindenhof user", "warmtematch", "woonstichting-de-linden", "thermoscan",
			"huurdersvereniging-rivierstad user", "welzijn-rivierstad",
		},
	},
	{
		id: "ll-slimme-netten", name: "Living Lab Slimme Netten Zandhoven", form: graph.FormLivingLab,
		parent: "lc-energieke-regio", challenge: "netcongestie oplossen met lokale opslag, sturing en energiedelen",
		since: "2019-05", cadence: "tweewekelijks",
		members: []string{
			"netbeheerder-rivierstreek coordinator", "uni-rivierstad facilitator", "tu-polderwaard", "gridsense",
			"buurtbatterij", "ec-zandhoven-duurzaam", "gemeente-zandhoven", "visser-elektrotechniek", "stroomkracht",
			"slimwonen", "laadpalen-rivierstreek", "energiedata-rivierstad", "datalab-rivierstreek",
			"wijkraad-zandhoven-centrum user", "opslagplus", "netbalans", "voltaplein", "energiecoaches-rivierstreek user",
			"instituut-gedrag-energie member 2024-06 -", "mbo-zandhoven",
		},
	},
	{
		// A fieldlab without civil society.
		id: "hub-waterstof", name: "Innovatiehub Waterstof Polderwaard", form: graph.FormInnovationHub,
		parent: "lc-energieke-regio", challenge: "groene waterstof voor de regionale industrie en het zware transport",
		since: "2020-06", cadence: "maandelijks",
		members: []string{
			"waterstoflab coordinator", "rom-rivierstreek facilitator", "tu-polderwaard", "waterstof-polderwaard",
			"chemiepark-polderwaard", "vanleeuwen-transport", "hydronova", "provincie-rivierstreek", "gemeente-polderwaard",
			"metaal-polderwaard", "hs-techniek-polderwaard", "zonnepark-ontwikkeling", "dehaan-ingenieurs",
			"techniekcollege-polderwaard", "datacentrum-polderwaard", "gemeente-dijkzicht",
		},
	},
	{
		id: "coe-vakmanschap", name: "Centre of Expertise Vakmanschap Energietransitie", form: graph.FormCentreOfExpertise,
		parent: "lc-energieke-regio", challenge: "genoeg vakmensen voor de energietransitie: opleiden, omscholen en bijscholen",
		since: "2019-01", cadence: "maandelijks",
		members: []string{
			"hs-oost-veluwe coordinator", "roc-rivierstad facilitator", "roc-de-waarden", "mbo-zandhoven", "vakschool-heuvelrand",
			"devries-installatie", "vandijk-installatiegroep", "warmtepompspecialist-zuidoost", "kok-meijer",
			"degroot-installaties", "smit-klimaatinstallaties", "mulder-loodgieters", "groothandel-installatie",
			"warmtepompfabriek", "energieloket-rivierstreek", "praktijkcentrum-bouw", "open-leerhuis",
			"ec-rivierstroom user", "hendriks-installatietechniek", "bos-elektro", "gemeente-heuvelrand",
		},
	},
	{
		// The nature organisations meet the rest only through the water board.
		id: "ll-natuurinclusief", name: "Living Lab Natuurinclusieve Energielandschappen", form: graph.FormLivingLab,
		parent: "lc-energieke-regio", challenge: "energie-infrastructuur die de natuur en het water versterkt",
		since: "2021-04", cadence: "per kwartaal",
		members: []string{
			"waterschap-groote-waard coordinator", "natuurlijk-ijsseldelta", "groene-waard", "landschapsbeheer-rivierstreek",
			"vogelwerkgroep-polderwaard", "stichting-bodemleven", "nmf-rivierstreek", "natuurcentrum-uiterwaard",
			"stichting-rivierherstel",
		},
	},

	// Teams with a fixed composition and term.
	{
		id: "team-warmtenet-zonnedael", name: "Innovatieteam Warmtenet Zonnedael", form: graph.FormInnovationTeam,
		parent: "fl-aardgasvrije-wijken", challenge: "een collectief warmtenet voor 400 woningen in Zonnedael",
		since: "2019-03", until: "2020-09", cadence: "tweewekelijks",
		members: []string{"@warmtebedrijf-rivierstad/1 coordinator", "@ec-zonnedael/1", "@ec-zonnedael/2", "@gemeente-rivierstad/3", "@devries-installatie/1", "@hs-rivierstad/3", "woningcorporatie-thuis"},
	},
	{
		id: "team-hybride-warmtepomp", name: "Innovatieteam Hybride Warmtepompen in Rijtjeswoningen", form: graph.FormInnovationTeam,
		parent: "fl-aardgasvrije-wijken", challenge: "een betaalbare hybride warmtepomp voor jaren-dertigwoningen",
		since: "2020-01", until: "2021-06", cadence: "tweewekelijks",
		members: []string{"@jansen-warmte/1 coordinator", "@woningcorporatie-thuis/1", "@instituut-gebouwde-omgeving/2", "@bakker-installatietechniek/1", "@gemeente-rivierstad/1", "@hs-oost-veluwe/3"},
	},
	{
		id: "gg-bewonersparticipatie", name: "Generatieve groep Bewonersparticipatie Oude Wijk", form: graph.FormGenerativeGroup,
		parent: "fl-aardgasvrije-wijken", challenge: "bewoners eigenaar maken van het wijkwarmteplan",
		since: "2021-02", until: "2022-12", cadence: "maandelijks",
		members: []string{"@bewonerscoop-oude-wijk/1 coordinator", "@wijkraad-rivierstad-noord/1", "@instituut-gedrag-energie/1 facilitator", "@instituut-gedrag-energie/2", "@gemeente-rivierstad/3", "@ec-zonnedael/2", "@stichting-samen-warm/1", "@woningcorporatie-thuis/2"},
	},
	{
		id: "team-wijkwarmteplan-lindenhof", name: "Innovatieteam Wijkwarmteplan Lindenhof", form: graph.FormInnovationTeam,
		parent: "fl-aardgasvrije-wijken", challenge: "een wijkwarmteplan voor Lindenhof dat bewoners zelf dragen",
		since: "2024-09", until: "2026-06", cadence: "tweewekelijks",
		members: []string{"@gemeente-rivierstad/2 coordinator", "bewonerscoop-lindenhof user", "warmtematch", "@adviesbureau-energieneutraal/1", "woonstichting-de-linden", "@hs-rivierstad/1 facilitator", "thermoscan"},
	},
	{
		// A team without government.
		id: "team-buurtbatterij", name: "Innovatieteam Buurtbatterij Zandhoven", form: graph.FormInnovationTeam,
		parent: "ll-slimme-netten", challenge: "een buurtbatterij die zonnestroom in de wijk houdt",
		since: "2020-04", until: "2021-10", cadence: "wekelijks",
		members: []string{"@buurtbatterij/1 coordinator", "@netbeheerder-rivierstreek/1", "ec-zandhoven-duurzaam", "@tu-polderwaard/2", "@gridsense/1", "@uni-rivierstad/2"},
	},
	{
		id: "team-laadplein", name: "Innovatieteam Laadplein Bedrijventerrein Oost", form: graph.FormInnovationTeam,
		parent: "ll-slimme-netten", challenge: "slim laden op een bedrijventerrein met een vol net",
		since: "2022-03", until: "2023-09", cadence: "tweewekelijks",
		members: []string{"laadpalen-rivierstreek coordinator", "@netbeheerder-rivierstreek/2", "@gemeente-zandhoven/1", "@datalab-rivierstreek/1", "@visser-elektrotechniek/1", "energiedata-rivierstad"},
	},
	{
		id: "gg-energiedelen", name: "Generatieve groep Energie Delen in de Buurt", form: graph.FormGenerativeGroup,
		parent: "ll-slimme-netten", challenge: "hoe buren stroom met elkaar kunnen delen",
		since: "2025-01", until: "2026-12", cadence: "maandelijks",
		members: []string{"ec-zandhoven-duurzaam coordinator", "netbalans", "@instituut-gedrag-energie/1 facilitator", "wijkraad-zandhoven-centrum user", "energiecoaches-rivierstreek", "@netbeheerder-rivierstreek/2", "@gemeente-zandhoven/1"},
	},
	{
		id: "team-waterstof-transport", name: "Innovatieteam Waterstof voor Zwaar Transport", form: graph.FormInnovationTeam,
		parent: "hub-waterstof", challenge: "een waterstoftankstation en tien vrachtwagens op waterstof",
		since: "2021-09", until: "2023-03", cadence: "tweewekelijks",
		members: []string{"vanleeuwen-transport coordinator", "@waterstof-polderwaard/1", "@waterstoflab/2", "@provincie-rivierstreek/2", "@hydronova/1", "@tu-polderwaard/1"},
	},
	{
		id: "team-waterstof-opleiding", name: "Innovatieteam Opleiding Waterstoftechnicus", form: graph.FormInnovationTeam,
		parent: "hub-waterstof", challenge: "een mbo-opleiding waterstoftechniek samen met de industrie",
		since: "2024-10", until: "2026-03", cadence: "maandelijks",
		members: []string{"techniekcollege-polderwaard coordinator", "hs-techniek-polderwaard", "@waterstoflab/1", "chemiepark-polderwaard", "metaal-polderwaard", "@gemeente-polderwaard/1"},
	},
	{
		id: "gg-leven-lang-ontwikkelen", name: "Generatieve groep Leven Lang Ontwikkelen Installateurs", form: graph.FormGenerativeGroup,
		parent: "coe-vakmanschap", challenge: "bijscholing die past bij het werk van de installateur",
		since: "2020-09", until: "2022-06", cadence: "maandelijks",
		members: []string{"@hs-oost-veluwe/1 facilitator", "@roc-rivierstad/1", "@devries-installatie/1", "@vandijk-installatiegroep/1 coordinator", "@warmtepompspecialist-zuidoost/1", "@energieloket-rivierstreek/1"},
	},
	{
		id: "team-praktijkleerroute", name: "Innovatieteam Praktijkleerroute Warmtepomp", form: graph.FormInnovationTeam,
		parent: "coe-vakmanschap", challenge: "een leerroute warmtepompmonteur die half in het bedrijf plaatsvindt",
		since: "2022-01", until: "2023-07", cadence: "tweewekelijks",
		members: []string{"@roc-rivierstad/6 coordinator", "vakschool-heuvelrand", "warmtepompfabriek", "@kok-meijer/1", "groothandel-installatie", "@degroot-installaties/1", "@energieloket-rivierstreek/1"},
	},
	{
		id: "team-peilbeheer", name: "Innovatieteam Natuurvriendelijk Peilbeheer bij Zonneweides", form: graph.FormInnovationTeam,
		parent: "ll-natuurinclusief", challenge: "zonneweides die het grondwater en de bodem sparen",
		since: "2022-05", until: "2023-11", cadence: "maandelijks",
		members: []string{"@waterschap-groote-waard/1 coordinator", "@waterschap-groote-waard/2", "@natuurlijk-ijsseldelta/1", "@landschapsbeheer-rivierstreek/1", "vogelwerkgroep-polderwaard", "stichting-bodemleven"},
	},

	// Not Learning Communities on their own: a PLC within one organisation
	// and a CoP of one profession.
	{
		id: "plc-roc-installatietechniek", name: "PLC Docenten Installatietechniek ROC Rivierstad", form: graph.FormPLC,
		parent: "coe-vakmanschap", challenge: "de warmtepomp en de energietransitie in het curriculum",
		since: "2020-02", cadence: "maandelijks",
		members: []string{"@roc-rivierstad/1 facilitator", "@roc-rivierstad/2", "@roc-rivierstad/3", "@roc-rivierstad/4", "@roc-rivierstad/5", "@roc-rivierstad/6", "@roc-rivierstad/7 member 2022-09 -"},
	},
	{
		id: "cop-warmtepompinstallateurs", name: "CoP Warmtepompinstallateurs Rivierstreek", form: graph.FormCoP,
		parent: "lc-energieke-regio", challenge: "vakkennis delen over het installeren van warmtepompen",
		since: "2021-01", cadence: "tweemaandelijks",
		members: []string{"@devries-installatie/1 coordinator", "@devries-installatie/2", "@bakker-installatietechniek/1", "@jansen-warmte/1", "@vandijk-installatiegroep/1", "@warmtepompspecialist-zuidoost/1", "@smit-klimaatinstallaties/1", "@kok-meijer/1", "@degroot-installaties/1", "@roc-rivierstad/2", "@hs-oost-veluwe/2"},
	},
}

// value is a row of values.csv; the reporter is a partner or "@partner/n".
type value struct {
	reporter, unit string
	cycle          graph.Cycle
	capital        graph.Capital
	level          graph.OutcomeLevel
	date           string
	description    string
}

const (
	expected       = graph.CycleExpected
	immediate      = graph.CycleImmediate
	potential      = graph.CyclePotential
	applied        = graph.CycleApplied
	realized       = graph.CycleRealized
	transformative = graph.CycleTransformative
	micro          = graph.Micro
	meso           = graph.Meso
	macro          = graph.Macro
)

var values = []value{
	{"rom-rivierstreek", "lc-energieke-regio", expected, "", macro, "2018-03-15", "verwacht dat de regio sneller aardgasvrij wordt door samen te leren"},
	{"gemeente-rivierstad", "lc-energieke-regio", expected, "", meso, "2018-04-02", "verwacht ervaring op te doen met de wijkaanpak voor de transitievisie warmte"},
	{"@devries-installatie/1", "lc-energieke-regio", expected, "", micro, "2018-05-20", "hoopt kennis op te doen over warmtepompen in oude woningen"},
	{"@ec-zonnedael/1", "fl-aardgasvrije-wijken", expected, "", meso, "2018-10-01", "verwacht dat bewoners meer invloed krijgen op het warmtenet"},
	{"@roc-rivierstad/1", "coe-vakmanschap", expected, "", meso, "2019-02-11", "verwacht actuele praktijkopdrachten voor studenten"},
	{"@netbeheerder-rivierstreek/1", "ll-slimme-netten", expected, "", meso, "2019-06-03", "verwacht te leren hoe lokale opslag netcongestie vermindert"},

	{"@ec-zonnedael/2", "team-warmtenet-zonnedael", immediate, "", micro, "2019-04-18", "eerste bewonersavond gaf energie: 60 bewoners kwamen meedenken"},
	{"@hs-rivierstad/3", "fl-aardgasvrije-wijken", immediate, "", micro, "2019-01-24", "studenten waren enthousiast over het werken in een echte wijk"},
	{"@vandijk-installatiegroep/1", "gg-leven-lang-ontwikkelen", immediate, "", micro, "2020-10-15", "een open gesprek met collega-installateurs over wat je niet weet"},
	{"@tu-polderwaard/1", "hub-waterstof", immediate, "", micro, "2020-09-09", "werkbezoek aan het chemiepark leverde nieuwe onderzoeksvragen op"},
	{"@natuurlijk-ijsseldelta/1", "ll-natuurinclusief", immediate, "", micro, "2021-05-20", "voor het eerst aan tafel met het waterschap over zonneweides"},
	{"@buurtbatterij/1", "team-buurtbatterij", immediate, "", meso, "2020-05-14", "de coöperatie en de netbeheerder begrijpen elkaars taal beter"},

	{"@roc-rivierstad/2", "plc-roc-installatietechniek", potential, graph.CapitalHuman, micro, "2020-06-30", "docenten kunnen nu zelf een warmtepomp inregelen"},
	{"@devries-installatie/2", "cop-warmtepompinstallateurs", potential, graph.CapitalHuman, micro, "2021-09-14", "nieuwe vaardigheid in het meten van afgiftevermogen van radiatoren"},
	{"@gridsense/1", "team-buurtbatterij", potential, graph.CapitalSocial, micro, "2020-11-05", "contacten bij de netbeheerder en de energiecoöperatie"},
	{"@gemeente-rivierstad/3", "gg-bewonersparticipatie", potential, graph.CapitalSocial, meso, "2021-11-22", "een netwerk van sleutelfiguren in de Oude Wijk"},
	{"@instituut-gebouwde-omgeving/2", "team-hybride-warmtepomp", potential, graph.CapitalTangible, meso, "2021-03-10", "een rekentool voor de keuze tussen hybride en volledig elektrisch"},
	{"@datalab-rivierstreek/1", "team-laadplein", potential, graph.CapitalTangible, meso, "2023-02-07", "een open dataset van laadpatronen op het bedrijventerrein"},
	{"hs-oost-veluwe", "coe-vakmanschap", potential, graph.CapitalReputational, meso, "2021-06-01", "de hogeschool staat bekend als kennispartner voor installatietechniek"},
	{"waterstof-polderwaard", "hub-waterstof", potential, graph.CapitalReputational, meso, "2022-04-19", "zichtbaar als koploper in groene waterstof"},
	{"@hs-oost-veluwe/1", "gg-leven-lang-ontwikkelen", potential, graph.CapitalLearning, micro, "2021-12-09", "inzicht in hoe installateurs het liefst leren: op de bouwplaats"},
	{"@instituut-gedrag-energie/1", "gg-energiedelen", potential, graph.CapitalLearning, meso, "2025-10-02", "de groep heeft een eigen manier gevonden om samen te reflecteren"},
	{"@waterschap-groote-waard/2", "team-peilbeheer", potential, graph.CapitalLearning, micro, "2023-01-26", "beter begrip van wat natuurorganisaties belangrijk vinden"},

	{"@devries-installatie/1", "cop-warmtepompinstallateurs", applied, "", micro, "2022-02-15", "nieuwe inregelmethode toegepast bij twintig klanten"},
	{"woningcorporatie-thuis", "team-hybride-warmtepomp", applied, "", meso, "2021-09-01", "de hybride warmtepomp is opgenomen in het onderhoudsplan"},
	{"@roc-rivierstad/6", "team-praktijkleerroute", applied, "", meso, "2023-09-04", "de praktijkleerroute is gestart met zestien studenten"},
	{"gemeente-zandhoven", "team-laadplein", applied, "", meso, "2023-11-13", "de gemeente gebruikt de laadpleinaanpak in haar mobiliteitsbeleid"},
	{"@waterschap-groote-waard/1", "team-peilbeheer", applied, "", meso, "2024-02-20", "peilbeheer aangepast bij twee zonneweides"},
	{"@uni-rivierstad/2", "ll-slimme-netten", applied, "", micro, "2022-05-30", "onderzoeksdata van de living lab gebruikt in het eigen onderwijs"},

	{"warmtebedrijf-rivierstad", "team-warmtenet-zonnedael", realized, "", meso, "2021-10-12", "het warmtenet levert warmte aan 400 woningen"},
	{"ec-zandhoven-duurzaam", "team-buurtbatterij", realized, "", meso, "2022-06-21", "de buurtbatterij houdt 70 procent van de zonnestroom in de wijk"},
	{"@roc-rivierstad/1", "coe-vakmanschap", realized, "", meso, "2024-07-01", "dertig procent meer instroom in de opleiding installatietechniek"},
	{"vanleeuwen-transport", "team-waterstof-transport", realized, "", meso, "2023-06-15", "tien vrachtwagens rijden op waterstof uit de regio"},
	{"@warmtepompspecialist-zuidoost/1", "gg-leven-lang-ontwikkelen", realized, "", micro, "2022-09-30", "twee monteurs behaalden het certificaat warmtepompen"},
	{"@bewonerscoop-oude-wijk/1", "gg-bewonersparticipatie", realized, "", macro, "2023-03-08", "de Oude Wijk koos zelf voor een warmtenet: 80 procent doet mee"},

	{"provincie-rivierstreek", "lc-energieke-regio", transformative, "", macro, "2024-11-18", "de provincie maakt leren in netwerken het uitgangspunt van haar energiebeleid"},
	{"@gemeente-rivierstad/2", "fl-aardgasvrije-wijken", transformative, "", macro, "2025-05-06", "de wijkaanpak met bewonerscoöperaties is de standaard in de hele gemeente"},
	{"@hs-oost-veluwe/1", "coe-vakmanschap", transformative, "", meso, "2025-09-22", "hogeschool en mbo ontwerpen hun curricula nu samen met het werkveld"},
	{"@waterschap-groote-waard/1", "ll-natuurinclusief", transformative, "", macro, "2026-03-12", "natuurinclusief ontwerpen is verplicht bij nieuwe energie-infrastructuur"},
	{"@devries-installatie/1", "cop-warmtepompinstallateurs", transformative, "", micro, "2026-01-27", "ziet zichzelf nu als adviseur van bewoners in plaats van alleen als monteur"},

	// Expected value of the newer units.
	{"@gemeente-rivierstad/2", "team-wijkwarmteplan-lindenhof", expected, "", meso, "2024-09-20", "verwacht een wijkwarmteplan dat de bewoners zelf dragen"},
	{"techniekcollege-polderwaard", "team-waterstof-opleiding", expected, "", meso, "2024-11-05", "verwacht een opleiding die aansluit bij de vraag van de industrie"},
	{"netbalans", "gg-energiedelen", immediate, "", micro, "2025-02-18", "eerste buurtsessie leverde twintig huishoudens op die willen meedoen"},
	{"thermoscan", "team-wijkwarmteplan-lindenhof", potential, graph.CapitalTangible, meso, "2025-04-10", "warmtescans van alle woningen in Lindenhof"},
	{"@hs-rivierstad/1", "team-wijkwarmteplan-lindenhof", potential, graph.CapitalSocial, micro, "2025-06-12", "studenten en bewoners kennen elkaar nu bij naam"},
	{"chemiepark-polderwaard", "team-waterstof-opleiding", potential, graph.CapitalHuman, meso, "2025-11-20", "de eerste lichting stagiairs kan veilig met waterstof werken"},
	{"@ec-zonnedael/1", "lc-energieke-regio", immediate, "", micro, "2026-04-16", "de jaarlijkse regiodag was de drukst bezochte ooit"},
	{"rijksdienst-duurzame-wijken", "lc-energieke-regio", potential, graph.CapitalReputational, macro, "2025-03-03", "de regio geldt landelijk als voorbeeld voor aardgasvrije wijken"},
}

// Special structure for later analyses.
var (
	// isolated partners have no ties at all.
	isolated = []string{"prins-steigerbouw", "gemeente-hoogeberg", "seniorenvereniging-zandhoven"}
	// weak partners have exactly these ties.
	weak = map[string]string{
		"vermeulen-dakspecialist": "bouwgroep-rivierstad",
		"glastuinbouw-veenoord":   "aardwarmte-zandhoven",
	}
	// bridge is the only partner outside the natural environment with ties
	// to environment organisations.
	bridge = "waterschap-groote-waard"
	// environmentTies are the ties of the environment organisations.
	environmentTies = [][3]string{
		{"waterschap-groote-waard", "natuurlijk-ijsseldelta", "samenwerking"},
		{"waterschap-groote-waard", "groene-waard", "kennisuitwisseling"},
		{"waterschap-groote-waard", "landschapsbeheer-rivierstreek", "subsidie"},
		{"waterschap-groote-waard", "nmf-rivierstreek", "samenwerking"},
		{"waterschap-groote-waard", "stichting-bodemleven", "project"},
		{"waterschap-groote-waard", "vogelwerkgroep-polderwaard", "project"},
		{"natuurlijk-ijsseldelta", "groene-waard", "samenwerking"},
		{"natuurlijk-ijsseldelta", "nmf-rivierstreek", "samenwerking"},
		{"groene-waard", "vogelwerkgroep-polderwaard", "kennisuitwisseling"},
		{"landschapsbeheer-rivierstreek", "nmf-rivierstreek", "samenwerking"},
		{"landschapsbeheer-rivierstreek", "stichting-bodemleven", "kennisuitwisseling"},
		{"landschapsbeheer-rivierstreek", "bijenstichting-heuvelrand", "samenwerking"},
		{"nmf-rivierstreek", "natuurcentrum-uiterwaard", "kennisuitwisseling"},
		{"natuurcentrum-uiterwaard", "stichting-rivierherstel", "samenwerking"},
		{"stichting-rivierherstel", "natuurlijk-ijsseldelta", "project"},
		{"nmf-rivierstreek", "milieuplatform-zandhoven", "samenwerking"},
		{"@natuurlijk-ijsseldelta/1", "@waterschap-groote-waard/2", "kennisuitwisseling"},
		{"@landschapsbeheer-rivierstreek/1", "@waterschap-groote-waard/2", "samenwerking"},
	}
)

const (
	firstMonth = 2018*12 + 2  // 2018-03
	lastMonth  = 2026*12 + 11 // 2026-12
)

func main() {
	log.SetFlags(0)
	dir := flag.String("dir", filepath.Join("examples", "energieke-regio"), "folder to write the CSV files to")
	jsonPath := flag.String("json", filepath.Join("examples", "energieke-regio.json"), "file to write the JSON document to")
	flag.Parse()

	e := build()
	if ps := e.Validate(); len(ps) > 0 {
		for _, p := range ps {
			log.Println(p)
		}
		log.Fatal("make: the data set does not validate")
	}
	if err := generate.WriteCSV(*dir, e); err != nil {
		log.Fatal(err)
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*jsonPath, append(b, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
	c := e.Counts()
	fmt.Printf("wrote %s and %s: %d partners, %d people, %d units, %d memberships, %d ties, %d values\n",
		*dir, *jsonPath, c.Partners, c.People, c.Units, c.Memberships, c.Ties, c.Values)
}

// builder holds what build needs to look up.
type builder struct {
	r        *rand.Rand
	e        *graph.Ecosystem
	partner  map[string]*graph.Partner
	person   map[string]*graph.Person // by id
	staff    map[string][]string      // person ids per partner
	pairs    map[[2]string]bool       // tied pairs of records, unordered
	degree   []string                 // both ends of every partner tie: degree-proportional draws
	helixOf  map[string]graph.Helix
	noRandom map[string]bool // partners left out of the random ties
}

func build() *graph.Ecosystem {
	b := &builder{
		r:        rand.New(rand.NewPCG(2018, 2026)),
		e:        &graph.Ecosystem{Name: "Energieke Regio"},
		partner:  map[string]*graph.Partner{},
		person:   map[string]*graph.Person{},
		staff:    map[string][]string{},
		pairs:    map[[2]string]bool{},
		helixOf:  map[string]graph.Helix{},
		noRandom: map[string]bool{},
	}
	b.partners()
	b.people()
	b.units()
	b.ties()
	b.values()
	return b.e
}

func month(s string) int {
	d := graph.MustParseDate(s)
	return d.Year()*12 + d.Month() - 1
}

func monthDate(m int) graph.Date {
	if m < 0 {
		return graph.Date{}
	}
	return graph.NewDate(m/12, m%12+1, 0)
}

// period returns the months of a partner's or unit's period; until -1: open.
func period(p graph.Period) (int, int) {
	until := -1
	if !p.Until.IsZero() {
		until = p.Until.Year()*12 + p.Until.Month() - 1
	}
	return p.Since.Year()*12 + p.Since.Month() - 1, until
}

func minOpen(a, b int) int {
	switch {
	case a < 0:
		return b
	case b < 0:
		return a
	}
	return min(a, b)
}

func (b *builder) partners() {
	for _, p := range partners {
		if _, dup := b.partner[p.id]; dup {
			log.Fatalf("make: partner %s twice", p.id)
		}
		var until graph.Date
		if p.until != "" {
			until = graph.MustParseDate(p.until)
		}
		sector := p.sector
		if sector == "" {
			sector = graph.DefaultSector(p.helix)
		}
		b.e.Partners = append(b.e.Partners, graph.Partner{
			ID: p.id, Name: p.name, Helix: p.helix, Sector: sector, Kind: p.kind, Region: p.region,
			Period: graph.Period{Since: graph.MustParseDate(p.since), Until: until},
		})
		b.helixOf[p.id] = p.helix
		if p.helix == graph.Environment {
			b.noRandom[p.id] = true
		}
	}
	for i := range b.e.Partners {
		b.partner[b.e.Partners[i].ID] = &b.e.Partners[i]
	}
	for _, id := range isolated {
		b.noRandom[id] = true
	}
	for id := range weak {
		b.noRandom[id] = true
	}
}

// people gives names to the staff of the partners: distinct, drawn from the
// name lists.
func (b *builder) people() {
	used := map[string]bool{}
	for _, s := range staffing {
		if b.partner[s.partner] == nil {
			log.Fatalf("make: staff of unknown partner %s", s.partner)
		}
		for _, dr := range s.people {
			var name string
			for {
				name = givenNames[b.r.IntN(len(givenNames))] + " " + familyNames[b.r.IntN(len(familyNames))]
				if !used[name] {
					break
				}
			}
			used[name] = true
			id := personID(name)
			b.e.People = append(b.e.People, graph.Person{ID: id, Name: name, Partner: s.partner, Discipline: dr[0], Role: dr[1]})
			b.staff[s.partner] = append(b.staff[s.partner], id)
		}
	}
	for i := range b.e.People {
		b.person[b.e.People[i].ID] = &b.e.People[i]
	}
}

// personID makes "sanne.devries" of "Sanne de Vries".
func personID(name string) string {
	given, family, _ := strings.Cut(name, " ")
	clean := func(s string) string {
		s = strings.ToLower(strings.NewReplacer(" ", "", "ë", "e", "é", "e", "ï", "i").Replace(s))
		return s
	}
	return clean(given) + "." + clean(family)
}

// ref resolves "partner" or "@partner/n" to a record id.
func (b *builder) ref(s string) string {
	if !strings.HasPrefix(s, "@") {
		if b.partner[s] == nil {
			log.Fatalf("make: unknown partner %s", s)
		}
		return s
	}
	p, n, ok := strings.Cut(s[1:], "/")
	staff := b.staff[p]
	k := 0
	if _, err := fmt.Sscan(n, &k); !ok || err != nil || k < 1 || k > len(staff) {
		log.Fatalf("make: %s names no person (%s has %d)", s, p, len(staff))
	}
	return staff[k-1]
}

// partnerOf returns the partner of a record id.
func (b *builder) partnerOf(id string) *graph.Partner {
	if p := b.person[id]; p != nil {
		return b.partner[p.Partner]
	}
	return b.partner[id]
}

func (b *builder) units() {
	for _, u := range units {
		var until graph.Date
		if u.until != "" {
			until = graph.MustParseDate(u.until)
		}
		unit := graph.Unit{
			ID: u.id, Name: u.name, Level: u.form.Level(), Form: u.form, Parent: u.parent, Challenge: u.challenge,
			Cadence: u.cadence, Period: graph.Period{Since: graph.MustParseDate(u.since), Until: until},
		}
		b.e.Units = append(b.e.Units, unit)
		us, uu := period(unit.Period)
		for _, m := range u.members {
			f := strings.Fields(m)
			id := b.ref(f[0])
			role := graph.RoleMember
			if len(f) > 1 {
				role = graph.Role(f[1])
			}
			ps, pu := period(b.partnerOf(id).Period)
			since, until := max(us, ps), minOpen(uu, pu)
			if len(f) > 2 && f[2] != "-" {
				since = month(f[2])
			}
			if len(f) > 3 && f[3] != "-" {
				until = month(f[3])
			}
			if until >= 0 && until < since {
				log.Fatalf("make: membership %q of %s ends before it starts", m, u.id)
			}
			b.e.Memberships = append(b.e.Memberships, graph.Membership{
				Unit: u.id, Member: id, Role: role, Period: graph.Period{Since: monthDate(since), Until: monthDate(until)},
			})
		}
	}
}

// tie adds a tie between two records (partners or people) unless they are
// tied already or the period is empty. It reports whether it added one.
func (b *builder) tie(src, dst, typ string, weight float64, since, until int) bool {
	pa, pb := b.partnerOf(src), b.partnerOf(dst)
	if pa.ID == pb.ID {
		return false
	}
	k := [2]string{min(src, dst), max(src, dst)}
	if b.pairs[k] {
		return false
	}
	as, au := period(pa.Period)
	bs, bu := period(pb.Period)
	since = min(max(since, as, bs), lastMonth)
	until = minOpen(until, minOpen(au, bu))
	if until >= 0 && until < since {
		return false
	}
	b.pairs[k] = true
	directed := typ == "subsidie" // from the funder to the funded
	if directed && b.helixOf[pa.ID] != graph.Government && b.helixOf[pb.ID] == graph.Government {
		src, dst = dst, src
	}
	b.e.Ties = append(b.e.Ties, graph.Tie{
		Source: src, Target: dst, Type: typ, Weight: weight, Directed: directed,
		Period: graph.Period{Since: monthDate(since), Until: monthDate(until)},
	})
	if b.person[src] == nil && b.person[dst] == nil {
		b.degree = append(b.degree, src, dst)
	}
	return true
}

// tieType picks a type of tie that suits the helix types of two partners.
func (b *builder) tieType(x, y graph.Helix) string {
	has := func(h graph.Helix) bool { return x == h || y == h }
	u := b.r.Float64()
	switch {
	case has(graph.Government) && u < 0.3:
		return "subsidie"
	case has(graph.Academia) && has(graph.Industry) && u < 0.35:
		return "stage"
	case x == graph.Industry && y == graph.Industry && u < 0.45:
		return "levering"
	case u < 0.5:
		return "samenwerking"
	case u < 0.8:
		return "kennisuitwisseling"
	}
	return "project"
}

// weight draws a tie weight from lo to hi.
func (b *builder) weight(lo, hi int) float64 {
	return float64(lo + b.r.IntN(hi-lo+1))
}

func (b *builder) ties() {
	// 1. Teams: members work together closely. People in a team tie as
	// people, others as partners; a quarter of the ties are project ties
	// that end with the team.
	for _, u := range units {
		if u.form.Level() != graph.LevelTeam || u.form == graph.FormPLC || u.form == graph.FormCoP {
			continue
		}
		us, uu := month(u.since), month(u.until)
		var ids []string
		for _, m := range u.members {
			ids = append(ids, b.ref(strings.Fields(m)[0]))
		}
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				src, dst := ids[i], ids[j]
				if b.person[src] == nil || b.person[dst] == nil {
					src, dst = b.partnerOf(src).ID, b.partnerOf(dst).ID
				}
				typ, until := "samenwerking", -1
				if b.r.IntN(4) == 0 {
					typ, until = "project", uu
				}
				b.tie(src, dst, typ, b.weight(2, 5), us+b.r.IntN(3), until)
			}
		}
	}
	// 2. Fieldlabs: some members get to know each other.
	for _, u := range units {
		if u.form.Level() != graph.LevelFieldlab {
			continue
		}
		us := month(u.since)
		var ids []string
		for _, m := range u.members {
			ids = append(ids, b.ref(strings.Fields(m)[0]))
		}
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				if b.r.Float64() < 0.12 {
					x, y := b.helixOf[ids[i]], b.helixOf[ids[j]]
					b.tie(ids[i], ids[j], b.tieType(x, y), b.weight(1, 4), us+b.r.IntN(18), -1)
				}
			}
		}
	}
	// 3. The natural environment, through the water board only.
	for _, t := range environmentTies {
		src, dst := b.ref(t[0]), b.ref(t[1])
		s, _ := period(b.partnerOf(src).Period)
		b.tie(src, dst, t[2], b.weight(1, 4), s+b.r.IntN(4), -1) // tie starts it once both joined
	}
	// 4. Weakly connected partners.
	for _, id := range slices.Sorted(maps.Keys(weak)) {
		b.tie(id, weak[id], "levering", 1, 0, -1)
	}
	// 5. Growth: as partners join, they tie to partners already there,
	// preferring well-connected ones and their own helix type.
	order := make([]*graph.Partner, 0, len(b.e.Partners))
	for i := range b.e.Partners {
		if !b.noRandom[b.e.Partners[i].ID] {
			order = append(order, &b.e.Partners[i])
		}
	}
	slices.SortStableFunc(order, func(x, y *graph.Partner) int { return x.Since.Start() - y.Since.Start() })
	for i, p := range order[1:] {
		earlier := order[:i+1]
		k := 1 + b.r.IntN(3)
		for range k {
			for range 20 {
				var q *graph.Partner
				u := b.r.Float64()
				switch {
				case u < 0.25 || len(b.degree) == 0:
					q = earlier[b.r.IntN(len(earlier))]
				case u < 0.5:
					same := []*graph.Partner{}
					for _, c := range earlier {
						if c.Helix == p.Helix {
							same = append(same, c)
						}
					}
					if len(same) == 0 {
						continue
					}
					q = same[b.r.IntN(len(same))]
				default:
					q = b.partner[b.degree[b.r.IntN(len(b.degree))]]
				}
				if q.ID == p.ID || b.noRandom[q.ID] || q.Since.Start() > p.Since.Start() {
					continue
				}
				s, _ := period(p.Period)
				until := -1
				if b.r.Float64() < 0.04 {
					until = s + 12 + b.r.IntN(30)
					if until > lastMonth {
						until = -1
					}
				}
				if b.tie(p.ID, q.ID, b.tieType(p.Helix, q.Helix), b.weight(1, 3), s+b.r.IntN(8), until) {
					break
				}
			}
		}
	}
	// 6. People who know each other across organisations.
	var people []string
	for _, p := range b.e.People {
		if !b.noRandom[p.Partner] {
			people = append(people, p.ID)
		}
	}
	for n := 0; n < 24; {
		x, y := people[b.r.IntN(len(people))], people[b.r.IntN(len(people))]
		s, _ := period(b.partnerOf(x).Period)
		typ := "kennisuitwisseling"
		if b.r.IntN(3) == 0 {
			typ = "begeleiding"
		}
		if b.tie(x, y, typ, b.weight(1, 3), s+b.r.IntN(12), -1) {
			n++
		}
	}
}

func (b *builder) values() {
	for _, v := range values {
		b.e.Values = append(b.e.Values, graph.Value{
			Reporter: b.ref(v.reporter), Unit: v.unit, Cycle: v.cycle, Capital: v.capital, Level: v.level,
			Date: graph.MustParseDate(v.date), Description: v.description,
		})
	}
}
