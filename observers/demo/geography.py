"""Kazakhstan in 2004: 14 oblasts and the cities of Almaty and Astana, with their towns.

Station counts and voters are shares of the ~9,500 precincts and 8.5 million voters of the NAM report, in
proportion to each region's population; single-mandate districts add up to the 67 of the Mazhilis.
Polling stations are scattered around each town within twice its `spread` (degrees of latitude): spreads
are kept small for towns on the Caspian shore, Lake Balkhash and the borders, so no station lands in the water.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Town:
    name: str
    latitude: float
    longitude: float
    spread: float
    weight: int = 1  # share of the region's stations around this town


@dataclass(frozen=True)
class RegionData:
    code: str
    name: str
    name_ru: str
    name_kk: str
    districts: int
    stations: int
    voters: int
    trouble: float  # how much more often problems are reported than on average (synthetic data only)
    towns: tuple[Town, ...]  # the administrative centre first

    @property
    def centre(self) -> Town:
        return self.towns[0]


REGIONS: tuple[RegionData, ...] = (
    RegionData(
        "AKM",
        "Akmola Region",
        "Акмолинская область",
        "Ақмола облысы",
        4,
        700,
        440_000,
        1.0,
        (
            Town("Kokshetau", 53.28, 69.40, 0.05, 3),
            Town("Stepnogorsk", 52.35, 71.89, 0.3),
            Town("Shchuchinsk", 52.93, 70.19, 0.3),
            Town("Atbasar", 51.81, 68.36, 0.35),
            Town("Yesil", 51.96, 66.40, 0.35),
        ),
    ),
    RegionData(
        "AKT",
        "Aktobe Region",
        "Актюбинская область",
        "Ақтөбе облысы",
        3,
        560,
        390_000,
        0.9,
        (
            Town("Aktobe", 50.28, 57.17, 0.06, 3),
            Town("Khromtau", 50.25, 58.44, 0.3),
            Town("Kandyagash", 49.47, 57.42, 0.3),
            Town("Shalkar", 47.83, 59.62, 0.3),
            Town("Emba", 48.83, 58.14, 0.3),
        ),
    ),
    RegionData(
        "ALM",
        "Almaty Region",
        "Алматинская область",
        "Алматы облысы",
        7,
        1060,
        900_000,
        1.8,
        (
            Town("Taldykorgan", 45.02, 78.37, 0.05, 2),
            Town("Kapshagay", 43.87, 77.07, 0.05),
            Town("Talgar", 43.30, 77.24, 0.08, 2),
            Town("Esik", 43.36, 77.45, 0.08),
            Town("Kaskelen", 43.20, 76.62, 0.08, 2),
            Town("Zharkent", 44.16, 80.00, 0.2),
            Town("Tekeli", 44.83, 78.82, 0.15),
            Town("Ushtobe", 45.25, 77.98, 0.25),
        ),
    ),
    RegionData(
        "ATY",
        "Atyrau Region",
        "Атырауская область",
        "Атырау облысы",
        2,
        300,
        250_000,
        1.3,
        (
            Town("Atyrau", 47.11, 51.92, 0.04, 3),
            Town("Kulsary", 46.95, 54.02, 0.1),
            Town("Makhambet", 47.67, 51.58, 0.15),
            Town("Inderbor", 48.55, 51.78, 0.2),
            Town("Makat", 47.65, 53.32, 0.2),
        ),
    ),
    RegionData(
        "VOS",
        "East Kazakhstan Region",
        "Восточно-Казахстанская область",
        "Шығыс Қазақстан облысы",
        7,
        980,
        870_000,
        1.0,
        (
            Town("Oskemen", 49.95, 82.61, 0.05, 3),
            Town("Semey", 50.41, 80.25, 0.06, 3),
            Town("Ridder", 50.34, 83.51, 0.12),
            Town("Zyryanovsk", 49.74, 84.27, 0.05),
            Town("Ayagoz", 47.96, 80.44, 0.3),
            Town("Zaysan", 47.47, 84.87, 0.12),
            Town("Shemonaikha", 50.63, 81.91, 0.2),
            Town("Urzhar", 47.09, 81.63, 0.2),
        ),
    ),
    RegionData(
        "ZHA",
        "Jambyl Region",
        "Жамбылская область",
        "Жамбыл облысы",
        4,
        560,
        540_000,
        1.5,
        (
            Town("Taraz", 42.90, 71.37, 0.05, 3),
            Town("Shu", 43.60, 73.76, 0.15),
            Town("Karatau", 43.18, 70.46, 0.15),
            Town("Zhanatas", 43.57, 69.75, 0.15),
            Town("Merke", 42.87, 73.18, 0.05),
            Town("Kordai", 43.04, 74.71, 0.05),
        ),
    ),
    RegionData(
        "KAR",
        "Karaganda Region",
        "Карагандинская область",
        "Қарағанды облысы",
        6,
        740,
        800_000,
        0.9,
        (
            Town("Karaganda", 49.80, 73.10, 0.05, 4),
            Town("Temirtau", 50.05, 72.96, 0.04, 2),
            Town("Zhezkazgan", 47.78, 67.71, 0.06, 2),
            Town("Balkhash", 46.88, 75.00, 0.015),
            Town("Saran", 49.79, 72.85, 0.03),
            Town("Shakhtinsk", 49.71, 72.59, 0.03),
            Town("Karkaraly", 49.41, 75.47, 0.3),
            Town("Osakarovka", 50.56, 72.57, 0.3),
        ),
    ),
    RegionData(
        "KUS",
        "Kostanay Region",
        "Костанайская область",
        "Қостанай облысы",
        4,
        760,
        550_000,
        0.9,
        (
            Town("Kostanay", 53.21, 63.63, 0.05, 3),
            Town("Rudny", 52.97, 63.12, 0.05, 2),
            Town("Lisakovsk", 52.55, 62.49, 0.1),
            Town("Arkalyk", 50.25, 66.91, 0.3),
            Town("Zhitikara", 52.19, 61.20, 0.1),
            Town("Auliekol", 52.37, 64.10, 0.3),
            Town("Borovskoye", 53.80, 64.19, 0.1),
        ),
    ),
    RegionData(
        "KZY",
        "Kyzylorda Region",
        "Кызылординская область",
        "Қызылорда облысы",
        3,
        380,
        320_000,
        1.6,
        (
            Town("Kyzylorda", 44.85, 65.51, 0.05, 3),
            Town("Aralsk", 46.80, 61.67, 0.05),
            Town("Kazaly", 45.76, 62.10, 0.15),
            Town("Shieli", 44.17, 66.74, 0.15),
            Town("Zhanakorgan", 43.91, 67.25, 0.15),
            Town("Zhalagash", 45.08, 64.67, 0.15),
        ),
    ),
    RegionData(
        "MAN",
        "Mangystau Region",
        "Мангистауская область",
        "Маңғыстау облысы",
        2,
        200,
        180_000,
        1.4,
        (
            Town("Aktau", 43.68, 51.25, 0.02, 3),
            Town("Zhanaozen", 43.34, 52.86, 0.05, 2),
            Town("Beyneu", 45.32, 55.20, 0.15),
            Town("Shetpe", 44.17, 52.12, 0.15),
        ),
    ),
    RegionData(
        "SEV",
        "North Kazakhstan Region",
        "Северо-Казахстанская область",
        "Солтүстік Қазақстан облысы",
        3,
        680,
        410_000,
        0.8,
        (
            Town("Petropavl", 54.87, 69.15, 0.05, 3),
            Town("Bulayevo", 54.90, 70.44, 0.08),
            Town("Mamlyutka", 54.94, 68.54, 0.08),
            Town("Sergeyevka", 53.88, 67.42, 0.2),
            Town("Taiynsha", 53.85, 69.76, 0.2),
            Town("Presnovka", 54.67, 67.15, 0.1),
            Town("Saumalkol", 53.30, 68.10, 0.2),
        ),
    ),
    RegionData(
        "PAV",
        "Pavlodar Region",
        "Павлодарская область",
        "Павлодар облысы",
        3,
        580,
        460_000,
        0.9,
        (
            Town("Pavlodar", 52.29, 76.97, 0.05, 3),
            Town("Ekibastuz", 51.72, 75.32, 0.06, 2),
            Town("Aksu", 52.04, 76.93, 0.05),
            Town("Bayanaul", 50.79, 75.70, 0.2),
            Town("Sharbakty", 52.48, 78.15, 0.25),
            Town("Irtyshsk", 53.33, 75.46, 0.2),
            Town("Uspenka", 52.91, 77.42, 0.2),
        ),
    ),
    RegionData(
        "YUZ",
        "South Kazakhstan Region",
        "Южно-Казахстанская область",
        "Оңтүстік Қазақстан облысы",
        9,
        980,
        1_070_000,
        2.0,
        (
            Town("Shymkent", 42.32, 69.60, 0.06, 5),
            Town("Turkestan", 43.30, 68.25, 0.08, 2),
            Town("Kentau", 43.52, 68.51, 0.06),
            Town("Saryagash", 41.45, 69.17, 0.05),
            Town("Arys", 42.43, 68.80, 0.1),
            Town("Lenger", 42.18, 69.88, 0.05),
            Town("Zhetysai", 40.78, 68.33, 0.05),
            Town("Kazygurt", 41.76, 69.38, 0.08),
            Town("Shaulder", 42.78, 68.36, 0.1),
        ),
    ),
    RegionData(
        "ZAP",
        "West Kazakhstan Region",
        "Западно-Казахстанская область",
        "Батыс Қазақстан облысы",
        3,
        540,
        350_000,
        1.0,
        (
            Town("Oral", 51.23, 51.37, 0.05, 3),
            Town("Aksai", 51.17, 53.00, 0.1),
            Town("Chapaev", 50.20, 51.17, 0.2),
            Town("Zhanibek", 49.42, 46.85, 0.15),
            Town("Zhympity", 50.25, 52.60, 0.2),
            Town("Peremetnoye", 51.20, 50.85, 0.15),
            Town("Kaztalovka", 49.76, 48.69, 0.2),
        ),
    ),
    RegionData(
        "ALA",
        "Almaty City",
        "город Алматы",
        "Алматы қаласы",
        5,
        360,
        710_000,
        0.7,
        (Town("Almaty", 43.25, 76.92, 0.04),),
    ),
    RegionData(
        "AST",
        "Astana City",
        "город Астана",
        "Астана қаласы",
        2,
        150,
        260_000,
        0.6,
        (Town("Astana", 51.16, 71.43, 0.04),),
    ),
)

REGION_TROUBLE = {region.code: region.trouble for region in REGIONS}

# Regions large enough for two LTO teams: the second is based in the region's second town.
TWO_LTO_TEAMS = ("ALM", "VOS", "KAR", "YUZ")

BUILDINGS = (
    "Secondary school No. {n}",
    "Secondary school No. {n}",
    "Gymnasium No. {n}",
    "Lyceum No. {n}",
    "House of Culture",
    "Akimat building",
    "College of Technology",
    "Village club",
    "Central library",
    "Polyclinic No. {n}",
    "Sports centre",
)
