"""Post codes and post towns of the demo's carers: the real post office (Pošta Slovenije)
of the town each unit of the shipped centre catalogue is named after, so an invented
carer of Enota Tržič lives at "…, 4290 Tržič" and an address reads like a real one on
the R-1, the refund call and the lists."""

from __future__ import annotations

_POST_OFFICES = """\
1000 Ljubljana|1230 Domžale|1241 Kamnik|1270 Litija|1290 Grosuplje|1310 Ribnica|1330 Kočevje|\
1360 Vrhnika|1370 Logatec|1380 Cerknica|1410 Zagorje ob Savi|1420 Trbovlje|1430 Hrastnik|\
2000 Maribor|2211 Pesnica pri Mariboru|2230 Lenart v Slovenskih goricah|2250 Ptuj|2270 Ormož|\
2310 Slovenska Bistrica|2342 Ruše|2360 Radlje ob Dravi|2370 Dravograd|2380 Slovenj Gradec|\
2390 Ravne na Koroškem|3000 Celje|3210 Slovenske Konjice|3230 Šentjur|3240 Šmarje pri Jelšah|\
3270 Laško|3310 Žalec|3320 Velenje|3330 Mozirje|4000 Kranj|4220 Škofja Loka|4240 Radovljica|\
4270 Jesenice|4290 Tržič|5000 Nova Gorica|5220 Tolmin|5270 Ajdovščina|5280 Idrija|6000 Koper|\
6210 Sežana|6230 Postojna|6250 Ilirska Bistrica|6310 Izola|6330 Piran|8000 Novo mesto|\
8210 Trebnje|8250 Brežice|8270 Krško|8290 Sevnica|8330 Metlika|8340 Črnomelj|9000 Murska Sobota|\
9220 Lendava|9240 Ljutomer|9250 Gornja Radgona"""

#: the post office of a town as the catalogue names it ("Pesnica" → "2211 Pesnica pri Mariboru")
POST_OFFICE: dict[str, str] = {}
for _office in _POST_OFFICES.split("|"):
    _town = _office.split(" ", 1)[1]
    POST_OFFICE[_town] = _office
    POST_OFFICE.setdefault(_town.split(" pri ")[0].split(" v ")[0], _office)


def post_office(place: str | None) -> str | None:
    """ "4290 Tržič" for "Enota Tržič" or "Tržič"; a city's unit ("Enota Ljubljana Šiška",
    "Enota Maribor Tezno") is the city's; None for a place the list does not know (a
    catalogue edited by the user: the demo's address then has no town, not a wrong one)."""
    words = (place or "").removeprefix("Enota ").split()
    while words:
        office = POST_OFFICE.get(" ".join(words))
        if office:
            return office
        words.pop()  # a city district: "Maribor Tezno" → "Maribor"
    return None
