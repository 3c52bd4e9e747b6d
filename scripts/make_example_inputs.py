"""Write the example inputs in inputs/ from the four seed projects (../shared/seeds), plus one EU grant.

Names, numbers, places, target groups and activities of the four come from the seed texts;
counts, amounts, dates the texts do not give, and people's names are invented. The EU
action grant is invented as a whole, since no seed project has EU funding (inputs/README.md).
Run:  .venv/bin/python scripts/make_example_inputs.py
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
D = dt.date.fromisoformat

SIF = "2023.LV/NVOF/MAC/041/58"
ESF = "9.2.1.1./15/I/001"
MFA = "AM-AS-2015/12"
BC = "BC-LV-P2P-2023/04"
EU = "101087254"

GRANTS = [
    dict(grant_number=SIF, title="Kaimiņu kopienu kopspēks", funder="sif-nvo-fonds", programme="NVO fonds",
         grantee="Biedrība „Pierīgas partnerība”", coordinator="", partner_country="", partners="Biedrība „Partnerība Daugavkrasts”",
         locations="Mārupes novads; Olaines novads; Ķekavas novads", start_date=D("2023-01-02"), end_date=D("2024-10-31"),
         currency="EUR", total_budget=24850.0, contact_person="Ilze Kalniņa, projekta vadītāja",
         signatory_name="Anda Ozoliņa", signatory_position="valdes priekšsēdētāja", signing_place="Mārupē"),
    dict(grant_number=ESF, title="Profesionāla sociālā darba attīstība pašvaldībās: pilotprojekts „Sociālais darbs kopienā” Daugavpilī",
         funder="esf-labklajibas-ministrija", programme="9.2.1.1. pasākums „Profesionāla sociālā darba attīstība pašvaldībās”",
         grantee="Daugavpils valstspilsētas pašvaldības iestāde „Sociālais dienests”", coordinator="", partner_country="",
         partners="Biedrība „Varavīksne”; Senioru biedrība „Draudzība-K”; Latgales biedrība cilvēkiem ar invaliditāti „FORTE”",
         locations="Daugavpils valstspilsēta (Križu apkaime)", start_date=D("2022-11-28"), end_date=D("2023-05-31"),
         currency="EUR", total_budget=18400.0, contact_person="Līga Vītola, sociālā darbiniece kopienā",
         signatory_name="Pēteris Grīnbergs", signatory_position="direktors", signing_place="Daugavpilī"),
    dict(grant_number=MFA, title="DIA+LOGS pieredze Baltkrievijai: kaitējuma mazināšanas pakalpojumu finansēšana",
         funder="mfa-lapas", programme="Attīstības sadarbības projektu konkurss 2015 (koordinē LAPAS)",
         grantee="Biedrība „DIA+LOGS”", coordinator="", partner_country="Baltkrievija", partners="NVO „Pozitivnoje dviženije” (Minska); NVO „Social Assistance” (Minska)",
         locations="Minska (Baltkrievija); Rīga", start_date=D("2015-06-01"), end_date=D("2015-12-15"),
         currency="EUR", total_budget=9800.0, contact_person="Rūta Zariņa, projekta koordinatore",
         signatory_name="Māris Kļaviņš", signatory_position="valdes loceklis", signing_place="Rīgā"),
    dict(grant_number=BC, title="Active Communities in Latgale („Darbīgās kopienas”), year 4",
         funder="british-council", programme="People to People Cultural Engagement",
         grantee="Izglītības iniciatīvu centrs", coordinator="", partner_country="", partners="Daugavpils pilsētas Izglītības pārvalde; Krāslavas novada pašvaldība",
         locations="Augšdaugavas novads; Ludzas novads; Preiļu novads; Rēzeknes novads; Daugavpils; Krāslavas novads",
         start_date=D("2023-01-01"), end_date=D("2023-12-31"), currency="EUR", total_budget=21000.0,
         contact_person="Inese Pūce, project manager", signatory_name="Dace Ābele", signatory_position="Director",
         signing_place="Riga"),
    dict(grant_number=EU, title="NEIGHBOURS: citizens' panels for neighbourhood communities in Latvia and Lithuania",
         funder="eu-action-grant", programme="Citizens, Equality, Rights and Values (CERV), call CERV-2022-CITIZENS-CIV",
         grantee="Biedrība „Pierīgas partnerība”", coordinator="Biedrība „Pierīgas partnerība”", partner_country="",
         partners="Kauno rajono bendruomenių sąjunga (LT); Olaines novada pašvaldība",
         locations="Mārupes novads; Olaines novads; Kauno rajonas (Lietuva)", start_date=D("2023-03-01"), end_date=D("2024-08-31"),
         currency="EUR", total_budget=60000.0, contact_person="Ilze Kalniņa, project coordinator",
         signatory_name="Anda Ozoliņa", signatory_position="Chair of the Board", signing_place="Mārupe"),
]

PERIODS = [
    (SIF, "interim", "2023-01-02", "2023-12-31", "2024-01-31", "2024-01-29"),
    (SIF, "final", "2024-01-01", "2024-10-31", "2024-11-30", "2024-11-26"),
    (ESF, "interim", "2022-11-28", "2023-02-28", "2023-03-15", ""),
    (ESF, "final", "2023-03-01", "2023-05-31", "2023-06-30", "2023-06-20"),
    (MFA, "interim", "2015-06-01", "2015-09-30", "2015-10-15", ""),
    (MFA, "final", "2015-10-01", "2015-12-15", "2016-01-15", "2016-01-12"),
    (BC, "interim", "2023-01-01", "2023-06-30", "2023-07-31", ""),
    (BC, "final", "2023-07-01", "2023-12-31", "2024-01-31", "2024-01-25"),
    (EU, "interim", "2023-03-01", "2023-12-31", "2024-02-29", "2024-02-20"),
    (EU, "final", "2024-01-01", "2024-08-31", "2024-10-31", "2024-10-28"),
]

# grant, period_to (empty: every report), section, text
NARRATIVE = [
    (SIF, "2023-12-31", "summary", "Pirmajā projekta gadā notika sešas mentoringa tikšanās kopienu līderiem, pieredzes brauciens uz Kurzemi, četri kopienu pasākumi un pirmais iedzīvotāju forums „Ideju skrejceļš” Mārupē.\nIzveidota kopienu līderu sadarbības grupa, kurā darbojas līderi no visiem trim novadiem."),
    (SIF, "2023-12-31", "publicity", "Par projektu publicēti 6 raksti: „Mārupes Vēstis”, „Olaines Avīze”, ziņa kekava.lv un biedrības mājaslapā. Visos materiālos norādīts, ka projektu finansē Sabiedrības integrācijas fonds no valsts budžeta līdzekļiem."),
    (SIF, "2023-12-31", "deviations", "Pieredzes brauciens uz Kurzemi pārcelts no augusta uz septembri, jo augustā kopienu līderi bija aizņemti vasaras pasākumos."),
    (SIF, "2024-10-31", "summary", "Otrajā gadā notika vēl divi forumi „Ideju skrejceļš” (Olainē un Ķekavā), senioru un jauniešu sarunu vakars un divu dienu noslēguma pasākums „Dižkūre”. Visas piecas plānotās aktivitātes ir īstenotas."),
    (SIF, "2024-10-31", "publicity", "Publicēti vēl 5 raksti par forumiem un „Dižkūri”; forumu video ieraksti ievietoti biedrības YouTube kanālā."),
    (SIF, "2024-10-31", "deviations", "Noslēguma pasākums „Dižkūre” notika divas dienas, kā plānots. Publicitātes izmaksas pārsniedza plānu (skat. budžeta skaidrojumu)."),
    (ESF, "2023-02-28", "implementation", "Pilotprojekts uzsākts 28.11.2022. Križu apkaimē apzināti seniori un viņu resursi, sastādīts kopīgs darba plāns, notikušas pirmās Cigun nodarbības. Apzinātas ģimenes ar bērniem ar invaliditāti, izveidota informācijas apmaiņas grupa."),
    (ESF, "2023-02-28", "problems", "Senioru iesaisti kavē valsts valodas un datorprasmju trūkums; nodarbības tiek vadītas divās valodās, un jaunieši palīdz ar e-pakalpojumiem."),
    (ESF, "2023-02-28", "publicity", "Informācija par pilotprojektu publicēta Daugavpils pašvaldības un Sociālā dienesta tīmekļvietnēs; pasākumos izvietoti ESF logo plakāti."),
    (ESF, "", "risks", "Mērķa grupas dalībnieku atbiruma risks (vidējs): mazināts ar regulāru saziņu un pasākumiem tuvu dzīvesvietai.\nSpeciālistu noslodzes risks (zems): darbu sadala divi sociālie darbinieki kopienā."),
    (ESF, "2023-05-31", "implementation", "Turpinātas Cigun nodarbības, notikusi apkaimju aktīvistu tikšanās, senioru un bērnu zīmējumu izstāde un baseina nodarbības 13 ģimenēm. Pieredzes brauciena atziņas prezentētas Sociālā dienesta darbiniekiem."),
    (ESF, "2023-05-31", "problems", "Seniori ir liels resurss apkaimes aktivizēšanai, taču valsts valodas un datorprasmju trūkums kavē viņu ieceru īstenošanu."),
    (ESF, "2023-05-31", "publicity", "Publicēti 3 raksti reģionālajos medijos; fotoizstāde Pasaules autisma izpratnes dienai izvietota tiešsaistē."),
    (ESF, "2023-05-31", "horizontal_principles", "Pasākumi notika vides pieejamības prasībām atbilstošās telpās; ģimenēm ar bērniem ar invaliditāti nodrošināts transports uz baseinu. Dalība bija brīvprātīga un bez maksas."),
    (MFA, "", "objectives", "Virsmērķis: veicināt kaitējuma mazināšanas pakalpojumu ilgtspējīgu finansēšanu Baltkrievijā.\nTiešais mērķis: nodot Baltkrievijas NVO Latvijas pieredzi pašvaldību un valsts finansējuma piesaistē."),
    (MFA, "2015-09-30", "partner_results", "Vizītē Minskā tikāmies ar septiņām NVO; apkopots to vajadzību saraksts. „Pozitivnoje dviženije” sagatavoja priekšlikumu Minskas pilsētas izpildkomitejai."),
    (MFA, "2015-09-30", "visibility", "Žurnālistes divos rakstos pēc vizītes norādīts Ārlietu ministrijas finansējums."),
    (MFA, "2015-12-15", "partner_results", "Partneri Rīgā iepazinās ar pašvaldības un valsts budžeta finansējuma modeli; „Social Assistance” plāno kopīgu mācību centru."),
    (MFA, "2015-12-15", "visibility", "Faktu lapā, bilžu stāstā un 7 rakstos norādīts: „Projektu finansē Latvijas Republikas Ārlietu ministrija”."),
    (MFA, "2015-12-15", "deviations", "Semināros Latvijā piedalījās vairāk cilvēku, nekā plānots; rakstu skaits pārsniedz plānu."),
    (BC, "2023-06-30", "summary", "In the first half of the year we trained teachers in Rēzekne and Preiļi, held a workshop for community activists in Ludza and supported 9 small projects of schools and NGOs."),
    (BC, "2023-06-30", "next_steps", "Open two new community resource centres in Krāslava municipality; community festival in Aglona; small projects fair in November."),
    (BC, "2023-12-31", "summary", "Two new community resource centres opened in Krāslava municipality, bringing the network to ten. The small projects fair presented the results of all 9 small projects."),
    (BC, "2023-12-31", "challenges", "The two new community resource centres in Krāslava municipality opened in October instead of September because of building repairs."),
    (EU, "2023-12-31", "summary", "NEIGHBOURS brings residents, young people and municipal staff together in citizens' panels. In 2023 the partners trained panel facilitators and held the first panels in Mārupe, Olaine and Kaunas district."),
    (EU, "2023-12-31", "deviations", "The panel in Kaunas district moved from November to December to follow the municipal budget calendar."),
    (EU, "2023-12-31", "dissemination", "Project web page, 4 local news articles and social media posts, all with the EU emblem and funding statement."),
    (EU, "2024-08-31", "summary", "All six citizens' panels took place; 14 recommendations went to the three municipalities, 9 of them accepted. The exchange visit to Kaunas district and the final conference in Mārupe closed the action."),
    (EU, "2024-08-31", "deviations", "Travel costs exceeded the contractual amount because the exchange visit included more young participants than planned."),
    (EU, "2024-08-31", "corrective_actions", "The overspend on travel is covered from savings on subcontracting; no change to the maximum grant amount."),
    (EU, "2024-08-31", "dissemination", "Final conference with 86 participants, a recommendations booklet in Latvian, Lithuanian and English, 6 further articles."),
    (EU, "2024-08-31", "sustainability", "Both municipalities have included the citizens' panel in their participation rules for 2025; the trained facilitators continue as volunteers."),
]

# grant, code, title, planned events, planned participants
ACTIVITY_PLAN = [
    (SIF, "A1", "Mentorings kopienu līderiem", 8, 80),
    (SIF, "A2", "Pieredzes brauciens pie Kurzemes aktīvajām kopienām", 1, 30),
    (SIF, "A3", "Kopienu pasākumi", 6, 400),
    (SIF, "A4", "Iedzīvotāju forumi „Ideju skrejceļš”", 3, 150),
    (SIF, "A5", "Noslēguma pasākums „Dižkūre”", 1, 40),
    (ESF, "1", "Senioru vajadzību apzināšana un profilēšana", 1, 30),
    (ESF, "2", "Kopīga darba plāna sastādīšana ar senioriem", 1, 15),
    (ESF, "3", "Senioru sapulces ar pašvaldības iestāžu pārstāvjiem", 1, 20),
    (ESF, "4", "Senioru biedrības stiprināšana", 1, 15),
    (ESF, "6", "Cigun vingrošanas nodarbības", 4, 60),
    (ESF, "7", "Apkaimju aktīvistu tikšanās", 1, 15),
    (ESF, "8", "Senioru un bērnu kopīgi pasākumi", 1, 20),
    (ESF, "11", "Ģimeņu mērķa grupas apzināšana", 1, 20),
    (ESF, "13", "Kopienas informācijas apmaiņas rīks", 1, 15),
    (ESF, "18", "Kopienas līderu apmācības projektu rakstīšanā", 1, 3),
    (ESF, "19", "Baseina nodarbības ģimenēm", 1, 12),
    (ESF, "20", "Izpratnes veicināšanas pasākumi", 1, 10),
    (ESF, "21", "Pieredzes brauciens uz ārvalstīm", 1, 2),
    (ESF, "22", "Pieredzes nodošana Sociālā dienesta darbiniekiem", 1, 25),
    (MFA, "1", "Pieredzes apmaiņas vizīte Minskā", 2, 20),
    (MFA, "2", "Baltkrievijas partneru vizīte Rīgā", 1, 5),
    (MFA, "3", "Semināri Latvijā par attīstības sadarbību", 4, 250),
    (MFA, "4", "Faktu lapa un bilžu stāsts", 2, None),
    (BC, "1", "New community resource centres", 2, 60),
    (BC, "2", "Training for teachers and community activists", 3, 80),
    (BC, "3", "Community-led activities", 4, 180),
    (BC, "4", "Small projects of schools and NGOs", 2, 60),
    (EU, "1", "Training of panel facilitators", 2, 25),
    (EU, "2", "Citizens' panels in partner municipalities", 6, 180),
    (EU, "3", "Transnational exchange visit", 1, 20),
    (EU, "4", "Final conference", 1, 80),
]

# grant, period_to, budget line, explanation
BUDGET_NOTES = [
    (SIF, "2024-10-31", "5", "Forumu ierakstiem pasūtīta papildu video montāža; pārsniegums segts no administratīvo izmaksu un pasākumu pozīciju ietaupījuma."),
    (BC, "2023-12-31", "2", "Furniture and equipment prices rose after the budget was approved; the overspend is covered from savings on staff costs."),
    (EU, "2024-08-31", "C1", "More young participants joined the exchange visit than planned; covered from savings on subcontracting (B)."),
]

# grant, code, title, start, end, location, target group, participants, organisation, result
ACTIVITIES = [
    (SIF, "A1", "Mentoringa tikšanās kopienu līderiem", "2023-02-16", "", "Mārupe", "kopienu līderi", 9, "Biedrība „Pierīgas partnerība”", "Apzinātas kopienu vajadzības un resursi."),
    (SIF, "A1", "Mentoringa tikšanās kopienu līderiem", "2023-03-22", "", "Olaine", "kopienu līderi", 8, "Biedrība „Pierīgas partnerība”", "Sagatavoti 3 kopienu rīcības plāni."),
    (SIF, "A1", "Mentoringa tikšanās kopienu līderiem", "2023-04-19", "", "Baloži", "kopienu līderi", 7, "Biedrība „Pierīgas partnerība”", ""),
    (SIF, "A1", "Mentoringa tikšanās kopienu līderiem", "2023-05-17", "", "Jaunmārupe", "kopienu līderi", 10, "Biedrība „Pierīgas partnerība”", "Izveidota kopienu līderu sadarbības grupa."),
    (SIF, "A1", "Mentoringa tikšanās kopienu līderiem", "2023-10-11", "", "Ķekava", "kopienu līderi", 9, "Biedrība „Pierīgas partnerība”", ""),
    (SIF, "A1", "Mentoringa tikšanās kopienu līderiem", "2024-02-14", "", "Olaine", "kopienu līderi", 8, "Biedrība „Pierīgas partnerība”", "Pārrunāti kopienu pasākumu plāni 2024. gadam."),
    (SIF, "A2", "Pieredzes brauciens pie Kurzemes aktīvajām kopienām", "2023-09-08", "2023-09-09", "Kuldīga, Talsi", "kopienu līderi", 18, "Biedrība „Pierīgas partnerība”", "Apmeklētas 4 kopienas; iegūtas idejas kopīgiem pasākumiem."),
    (SIF, "A2", "Pieredzes brauciens pie Kurzemes aktīvajām kopienām", "2023-09-08", "2023-09-09", "Kuldīga, Talsi", "NVO pārstāvji", 12, "Biedrība „Pierīgas partnerība”", ""),
    (SIF, "A3", "Kopienas talka un kaimiņu pikniks", "2023-06-10", "", "Mārupe", "vietējie iedzīvotāji", 64, "Biedrība „Pierīgas partnerība”", "Sakopts kopienas dārzs."),
    (SIF, "A3", "Ģimeņu sporta diena", "2023-08-19", "", "Olaine", "ģimenes ar bērniem", 85, "Biedrība „Pierīgas partnerība”", ""),
    (SIF, "A3", "Senioru un jauniešu sarunu vakars", "2024-03-21", "", "Jaunolaine", "seniori", 26, "Biedrība „Pierīgas partnerība”", "Jaunieši palīdz senioriem apgūt e-pakalpojumus."),
    (SIF, "A3", "Senioru un jauniešu sarunu vakars", "2024-03-21", "", "Jaunolaine", "jaunieši", 17, "Biedrība „Pierīgas partnerība”", ""),
    (SIF, "A4", "Iedzīvotāju forums „Ideju skrejceļš”", "2023-11-18", "", "Mārupe", "vietējie iedzīvotāji", 58, "Biedrība „Pierīgas partnerība”", "Apspriestas 12 kopienu idejas, 3 nodotas pašvaldībai."),
    (SIF, "A4", "Iedzīvotāju forums „Ideju skrejceļš”", "2024-04-20", "", "Olaine", "vietējie iedzīvotāji", 47, "Biedrība „Pierīgas partnerība”", "Piedalījās pašvaldības un policijas pārstāvji."),
    (SIF, "A5", "Noslēguma pasākums „Dižkūre”", "2024-09-27", "2024-09-28", "Ķekavas novads", "kopienu līderi", 38, "Biedrība „Pierīgas partnerība”", "Novērtēti un popularizēti projekta rezultāti; komandas vadības darbnīcas."),
    (ESF, "1", "Senioru vajadzību apzināšana un profilēšana Križu apkaimē", "2022-12-05", "2022-12-16", "Daugavpils, Križi", "Križu apkaimes seniori", 34, "Sociālais dienests", "Apzināti iekšējie un ārējie resursi; veikta resursu tīklošana."),
    (ESF, "2", "Kopīga darba plāna sastādīšana ar senioriem", "2023-01-12", "", "Dienas centrs „Saskarsme”", "Križu apkaimes seniori", 15, "Sociālais dienests", "Sastādīts kopīgs darba plāns."),
    (ESF, "3", "Senioru sapulce un tikšanās ar pašvaldības iestāžu pārstāvjiem", "2023-01-26", "", "Dienas centrs „Saskarsme”", "Križu apkaimes seniori", 27, "Senioru biedrība „Draudzība-K”", ""),
    (ESF, "4", "Biedrības „Draudzība-K” biedru sapulce par izmaiņām statūtos", "2023-02-09", "", "Daugavpils, Križi", "Križu apkaimes seniori", 19, "Senioru biedrība „Draudzība-K”", "Pieņemti lēmumi par statūtu grozījumiem."),
    (ESF, "6", "Cigun vingrošanas nodarbība", "2023-01-18", "", "Dienas centrs „Saskarsme”", "Križu apkaimes seniori", 14, "Sociālais dienests", "Nodarbības vada kultūras pasākumu organizatore."),
    (ESF, "6", "Cigun vingrošanas nodarbība", "2023-02-15", "", "Dienas centrs „Saskarsme”", "Križu apkaimes seniori", 16, "Sociālais dienests", ""),
    (ESF, "6", "Cigun vingrošanas nodarbība", "2023-03-15", "", "Dienas centrs „Saskarsme”", "Križu apkaimes seniori", 17, "Sociālais dienests", ""),
    (ESF, "6", "Cigun vingrošanas nodarbība", "2023-04-19", "", "Dienas centrs „Saskarsme”", "Križu apkaimes seniori", 18, "Sociālais dienests", ""),
    (ESF, "7", "Daugavpils apkaimju aktīvistu tikšanās „Līdzdarbība un līdzatbildība”", "2023-03-23", "", "Dienas centrs „Saskarsme”", "apkaimju aktīvisti", 16, "Sociālais dienests", "Piedalījās Križu, Cietokšņa, Ķīmijas un Mežciema apkaimju līderi."),
    (ESF, "8", "Senioru un pirmsskolas bērnu zīmējumu izstāde", "2023-04-03", "2023-04-28", "Daugavpils, Križi", "Križu apkaimes seniori", 22, "Senioru biedrība „Draudzība-K”", ""),
    (ESF, "11", "Ģimeņu mērķa grupas apzināšana un vajadzību izpēte", "2022-12-01", "2022-12-22", "Daugavpils", "ģimenes ar bērniem ar invaliditāti", 21, "Sociālais dienests", "Identificēti kopienas līderi."),
    (ESF, "13", "Kopienas informācijas apmaiņas grupas „WhatsApp” izveide", "2023-01-10", "", "tiešsaistē", "ģimenes ar bērniem ar invaliditāti", 18, "Sociālais dienests", "Izveidots kopienas informācijas apmaiņas rīks."),
    (ESF, "18", "Tiešsaistes apmācības „Darbīgās kopienas Latgalē-2023”", "2023-01-16", "2023-02-24", "tiešsaistē", "ģimenes ar bērniem ar invaliditāti", 2, "Sociālais dienests", "Izstrādāts un iesniegts projekta pieteikums."),
    (ESF, "19", "Bezmaksas baseina nodarbības ar treneri", "2023-02-19", "2023-05-28", "Daugavpils Olimpiskais centrs", "ģimenes ar bērniem ar invaliditāti", 13, "Sociālais dienests", "Nodarbības apmeklēja 13 mērķa grupas ģimenes."),
    (ESF, "20", "Fotoizstāde Pasaules autisma izpratnes dienai (2. aprīlis)", "2023-04-02", "", "tiešsaistē", "ģimenes ar bērniem ar invaliditāti", 9, "Latgales biedrība cilvēkiem ar invaliditāti „FORTE”", "Bērnu ar autiskā spektra traucējumiem ikdiena fotogrāfijās."),
    (ESF, "21", "Pieredzes brauciens uz Austriju (Grāca) un Slovēniju (Kidričevo, Knežak, Nova Gorica)", "2023-02-06", "2023-02-10", "Austrija, Slovēnija", "sociālā dienesta darbinieki", 2, "Sociālais dienests", "Apmeklētas patversmes „Winzi Dorf” un „Arche”, „Krekovo centrs”, sociālais uzņēmums Farm Slavec."),
    (ESF, "22", "Informatīvā prezentācija par pilotprojektu un pieredzes braucienu", "2023-03-03", "", "Dienas centrs „Saskarsme”", "sociālā dienesta darbinieki", 28, "Sociālais dienests", ""),
    (MFA, "1", "Pieredzes apmaiņas vizīte Minskā pie NVO „Pozitivnoje dviženije”", "2015-09-14", "2015-09-18", "Minska", "projekta komanda", 4, "Biedrība „DIA+LOGS”", "Komandā divi DIA+LOGS pārstāvji, žurnālists un deputāts."),
    (MFA, "1", "Tikšanās ar septiņām Baltkrievijas NVO", "2015-09-16", "", "Minska", "Baltkrievijas NVO pārstāvji", 19, "Biedrība „DIA+LOGS”", "Apkopots saraksts ar kaimiņzemes NVO vajadzībām."),
    (MFA, "2", "Baltkrievijas partneru vizīte Rīgā: kaitējuma mazināšanas programmu finansēšanas modelis", "2015-11-09", "2015-11-11", "Rīga", "Baltkrievijas NVO pārstāvji", 5, "Biedrība „DIA+LOGS”", "Partneri iepazinās ar pašvaldības un valsts budžeta finansējuma modeli."),
    (MFA, "3", "Seminārs par attīstības sadarbību un kaitējuma mazināšanu", "2015-10-08", "", "Rīga", "sociālie darbinieki", 86, "Biedrība „DIA+LOGS”", ""),
    (MFA, "3", "Seminārs par attīstības sadarbību un kaitējuma mazināšanu", "2015-10-22", "", "Jelgava", "sociālie darbinieki", 54, "Biedrība „DIA+LOGS”", ""),
    (MFA, "3", "Seminārs par attīstības sadarbību un kaitējuma mazināšanu", "2015-11-19", "", "Daugavpils", "NVO pārstāvji", 71, "Biedrība „DIA+LOGS”", ""),
    (MFA, "3", "Seminārs studentiem par attīstības sadarbību", "2015-12-03", "", "Rīga", "studenti", 95, "Biedrība „DIA+LOGS”", ""),
    (MFA, "4", "Faktu lapas un bilžu stāsta publicēšana sociālajos tīklos", "2015-10-30", "", "tiešsaistē", "sabiedrība", 0, "Biedrība „DIA+LOGS”", "Izveidota faktu lapa un bilžu stāsts."),
    (BC, "1", "Opening of a community resource centre", "2023-10-06", "", "Krāslava", "community members", 48, "Izglītības iniciatīvu centrs", "First of the two new centres in Krāslava municipality."),
    (BC, "1", "Opening of a community resource centre", "2023-10-20", "", "Indra, Krāslavas novads", "community members", 31, "Izglītības iniciatīvu centrs", "Second new centre."),
    (BC, "2", "Seminar for teachers: working with families and the community", "2023-02-22", "", "Rēzekne", "teachers", 36, "Izglītības iniciatīvu centrs", ""),
    (BC, "2", "Seminar for teachers: working with families and the community", "2023-03-15", "", "Preiļi", "teachers", 29, "Izglītības iniciatīvu centrs", ""),
    (BC, "2", "Workshop for community activists", "2023-04-12", "", "Ludza", "community activists", 22, "Izglītības iniciatīvu centrs", ""),
    (BC, "3", "Intergenerational clean-up of a riverside park", "2023-05-13", "", "Līvāni", "children and young people", 41, "Izglītības iniciatīvu centrs", "Pupils and seniors cleaned and planted the park together."),
    (BC, "3", "Visits to lonely seniors by school pupils", "2023-05-26", "", "Daugavpils", "children and young people", 24, "Daugavpils pilsētas Izglītības pārvalde", ""),
    (BC, "3", "Neighbourhood youth discussion club", "2023-09-21", "", "Rēzekne", "young people", 19, "Izglītības iniciatīvu centrs", "Inactive young people involved in neighbourhood events."),
    (BC, "3", "Community festival of local traditions", "2023-08-26", "", "Aglona", "community members", 112, "Izglītības iniciatīvu centrs", ""),
    (BC, "4", "Small projects of schools and NGOs: selection meeting", "2023-06-07", "", "Daugavpils", "NGO representatives", 17, "Izglītības iniciatīvu centrs", "9 small projects supported."),
    (BC, "4", "Small projects fair", "2023-11-24", "", "Daugavpils", "community activists", 63, "Daugavpils pilsētas Izglītības pārvalde", "Results of 9 small projects presented."),
    (EU, "1", "Training of citizens' panel facilitators", "2023-04-20", "2023-04-21", "Mārupe", "facilitators", 14, "Biedrība „Pierīgas partnerība”", "Facilitation guide agreed by the partners."),
    (EU, "1", "Training of citizens' panel facilitators", "2023-05-18", "2023-05-19", "Garliava (Kauno rajonas)", "facilitators", 12, "Kauno rajono bendruomenių sąjunga", ""),
    (EU, "2", "Citizens' panel „Kaimiņi runā”", "2023-09-23", "", "Mārupe", "residents", 40, "Biedrība „Pierīgas partnerība”", "5 recommendations on public space."),
    (EU, "2", "Citizens' panel", "2023-10-21", "", "Olaine", "residents", 28, "Olaines novada pašvaldība", ""),
    (EU, "2", "Citizens' panel (Piliečių forumas)", "2023-12-09", "", "Garliava (Kauno rajonas)", "residents", 34, "Kauno rajono bendruomenių sąjunga", ""),
    (EU, "2", "Citizens' panel on youth spaces", "2024-02-17", "", "Jaunmārupe", "young people", 27, "Biedrība „Pierīgas partnerība”", ""),
    (EU, "2", "Citizens' panel", "2024-03-16", "", "Olaine", "residents", 22, "Olaines novada pašvaldība", ""),
    (EU, "2", "Citizens' panel", "2024-04-20", "", "Ringaudai (Kauno rajonas)", "residents", 30, "Kauno rajono bendruomenių sąjunga", "4 recommendations accepted by the district council."),
    (EU, "3", "Exchange visit to Kaunas district", "2024-05-23", "2024-05-25", "Kauno rajonas", "young people", 16, "Biedrība „Pierīgas partnerība”", ""),
    (EU, "3", "Exchange visit to Kaunas district", "2024-05-23", "2024-05-25", "Kauno rajonas", "municipal staff", 6, "Biedrība „Pierīgas partnerība”", ""),
    (EU, "4", "Final conference „Neighbours decide”", "2024-06-14", "", "Mārupe", "residents", 54, "Biedrība „Pierīgas partnerība”", "Recommendations booklet presented."),
    (EU, "4", "Final conference „Neighbours decide”", "2024-06-14", "", "Mārupe", "municipal staff", 32, "Biedrība „Pierīgas partnerība”", ""),
]

# Partnerība Daugavkrasts sends its own activities as CSV (Excel's ';' CSV with a BOM, Latvian dates).
PARTNER_ACTIVITIES = [
    (SIF, "A1", "Mentoringa tikšanās kopienu līderiem", "15.03.2023.", "", "Ķekava", "kopienu līderi", 11, "Biedrība „Partnerība Daugavkrasts”", "Apzinātas Ķekavas kopienu vajadzības."),
    (SIF, "A3", "Kaimiņu svētki „Daugavas krastā”", "22.07.2023.", "", "Ķekava", "vietējie iedzīvotāji", 96, "Biedrība „Partnerība Daugavkrasts”", ""),
    (SIF, "A3", "Bērnu radošās darbnīcas", "12.05.2024.", "", "Baldone", "ģimenes ar bērniem", 44, "Biedrība „Partnerība Daugavkrasts”", ""),
    (SIF, "A4", "Iedzīvotāju forums „Ideju skrejceļš”", "14.09.2024.", "", "Ķekava", "vietējie iedzīvotāji", 52, "Biedrība „Partnerība Daugavkrasts”", "Forumā piedalījās Ķekavas novada domes pārstāvji."),
]

# grant, code, name, unit, baseline, target, measure, activity codes, target group
INDICATORS = [
    (SIF, "R1", "Mentoringa tikšanās kopienu līderiem", "tikšanās", 0, 8, "activities", "A1", ""),
    (SIF, "R2", "Kopienu līderi, kas piedalījušies mentoringā un pieredzes braucienā", "dalībnieki", 0, 80, "participants", "A1; A2", "kopienu līderi"),
    (SIF, "R3", "Iedzīvotāju forumi „Ideju skrejceļš”", "forumi", 0, 3, "activities", "A4", ""),
    (SIF, "R4", "Foruma dalībnieki", "dalībnieki", 0, 150, "participants", "A4", ""),
    (SIF, "R5", "Publikācijas par projektu novadu medijos", "publikācijas", 0, 10, "manual", "", ""),
    (ESF, "I1", "Kopienas dzīvē iesaistītie Križu apkaimes seniori", "personas", 0, 40, "participants", "1", ""),
    (ESF, "I2", "Kopienā apvienotās ģimenes ar bērniem ar invaliditāti", "ģimenes", 0, 20, "participants", "11", ""),
    (ESF, "I3", "Cigun vingrošanas nodarbības", "nodarbības", 0, 20, "activities", "6", ""),
    (ESF, "I4", "Iesniegti kopienu projektu pieteikumi", "pieteikumi", 0, 3, "manual", "", ""),
    (ESF, "I5", "Sastādīti kopienu rīcības plāni", "plāni", 0, 2, "manual", "", ""),
    (MFA, "1.1", "Partnerorganizācijas, kas pārņēmušas finansēšanas modeli", "organizācijas", 0, 2, "manual", "", ""),
    (MFA, "1.2", "Semināru dalībnieki Latvijā", "dalībnieki", 0, 250, "participants", "3", ""),
    (MFA, "1.3", "Raksti par attīstības sadarbību ar Baltkrieviju", "raksti", 0, 5, "manual", "", ""),
    (BC, "O1", "New community resource centres", "centres", 8, 2, "activities", "1", ""),
    (BC, "O2", "Teachers trained to work with families and communities", "people", 0, 60, "participants", "2", "teachers"),
    (BC, "O3", "Participants in community-led activities", "people", 0, 300, "participants", "3; 4", ""),
    (BC, "O4", "Small projects supported", "projects", 0, 8, "manual", "", ""),
    (EU, "E1", "Citizens taking part in panels", "persons", 0, 180, "participants", "2", ""),
    (EU, "E2", "Citizens' panels held", "panels", 0, 6, "activities", "2", ""),
    (EU, "E3", "Recommendations submitted to municipalities", "recommendations", 0, 12, "manual", "", ""),
    (EU, "E4", "Panel facilitators trained", "persons", 0, 25, "participants", "1", ""),
]

INDICATOR_VALUES = [
    (SIF, "R5", "2023-06-30", 3, "", "Raksti „Mārupes Vēstis”, „Olaines Avīze”, ziņa kekava.lv"),
    (SIF, "R5", "2023-12-15", 3, "", "Raksti par forumu un pieredzes braucienu"),
    (SIF, "R5", "2024-10-15", 5, "", "Raksti par forumiem un „Dižkūri”"),
    (ESF, "I4", "2023-02-20", 2, "", "Daugavpils pašvaldības līdzfinansējuma konkurss; „Darbīgās kopienas Latgalē-2023”"),
    (ESF, "I4", "2023-03-30", 1, "", "Projekts par radošajām darbnīcām"),
    (ESF, "I5", "2023-01-12", 1, "", "Križu senioru darba plāns"),
    (ESF, "I5", "2023-02-28", 1, "", "Ģimeņu kopienas darbību plāns"),
    (MFA, "1.1", "2015-11-11", 1, "", "„Social Assistance” plāno kopīgu mācību centru"),
    (MFA, "1.3", "2015-09-30", 2, "", "Žurnālistes raksti pēc vizītes"),
    (MFA, "1.3", "2015-12-10", 5, "", "Baltkrievu kolēģu un projekta komandas raksti"),
    (BC, "O4", "2023-06-07", 9, "", "Selection meeting minutes"),
    (EU, "E3", "2023-12-09", 5, "recommendations", "Panel minutes, Mārupe"),
    (EU, "E3", "2024-04-20", 9, "recommendations", "Panel minutes, Olaine and Kaunas district"),
]

# grant, line, category, description, approved
BUDGET = [
    (SIF, "1", "Personāla izmaksas", "Projekta vadītājas un koordinatora atlīdzība", 9600.0),
    (SIF, "2", "Pieredzes brauciens", "Autobusa noma, ēdināšana, naktsmītnes", 2400.0),
    (SIF, "3", "Pasākumu organizēšana", "Kopienu pasākumi, forumi, „Dižkūre”", 7200.0),
    (SIF, "4", "Mentoru pakalpojumi", "Mentoringa tikšanās", 3600.0),
    (SIF, "5", "Publicitāte", "Informatīvie materiāli, foto un video", 1200.0),
    (SIF, "6", "Administratīvās izmaksas", "Grāmatvedība, sakari, biroja preces", 850.0),
    (ESF, "1", "Atlīdzība", "Sociālo darbinieku kopienā atlīdzība", 11200.0),
    (ESF, "2", "Pieredzes apmaiņas brauciens", "Ceļš, naktsmītnes, dienas nauda", 3100.0),
    (ESF, "3", "Pasākumu izmaksas", "Telpas, materiāli, baseina nodarbības", 2600.0),
    (ESF, "4", "Mentora pakalpojumi", "Pilotprojekta mentors", 1500.0),
    (MFA, "1", "Ceļa un uzturēšanās izmaksas", "Vizīte Minskā, partneru vizīte Rīgā", 4200.0),
    (MFA, "2", "Semināri", "Telpas, kafijas pauzes, materiāli", 2600.0),
    (MFA, "3", "Publikācijas un komunikācija", "Raksti, faktu lapa, bilžu stāsts", 1600.0),
    (MFA, "4", "Projekta vadība", "Koordinatora atlīdzība", 1400.0),
    (BC, "1", "Staff costs", "Project manager and coordinators", 10000.0),
    (BC, "2", "Community resource centres", "Equipment for two new centres in Krāslava", 3500.0),
    (BC, "3", "Training and seminars", "Trainers, venues, materials", 3500.0),
    (BC, "4", "Small projects", "Grants to schools and NGOs", 3000.0),
    (BC, "5", "Communication", "Photos, publications", 1000.0),
    (EU, "A", "Personnel costs", "Coordinator, panel facilitators", 30000.0),
    (EU, "B", "Subcontracting", "Recommendations booklet design and translation", 9000.0),
    (EU, "C1", "Travel and subsistence", "Facilitator training, exchange visit", 8000.0),
    (EU, "C3", "Other goods, works and services", "Venues, catering, printing", 9076.0),
    (EU, "E", "Indirect costs", "7 % flat rate", 3924.0),
]

# grant, date, line, amount, document number, description
EXPENSES = [
    (SIF, "2023-01-31", "1", 400.0, "AL-2023/01", "Atlīdzība, janvāris"), (SIF, "2023-03-31", "1", 1200.0, "AL-2023/03", "Atlīdzība, februāris–marts"),
    (SIF, "2023-06-30", "1", 1200.0, "AL-2023/06", "Atlīdzība, aprīlis–jūnijs"), (SIF, "2023-12-29", "1", 2400.0, "AL-2023/12", "Atlīdzība, jūlijs–decembris"),
    (SIF, "2024-06-28", "1", 2400.0, "AL-2024/06", "Atlīdzība, janvāris–jūnijs"), (SIF, "2024-10-31", "1", 2000.0, "AL-2024/10", "Atlīdzība, jūlijs–oktobris"),
    (SIF, "2023-09-11", "2", 1450.0, "PP-2023/041", "Autobusa noma, Kuldīga–Talsi"), (SIF, "2023-09-11", "2", 812.4, "PP-2023/042", "Naktsmītnes un ēdināšana"),
    (SIF, "2023-06-12", "3", 640.0, "PP-2023/020", "Pikniks, inventārs"), (SIF, "2023-08-21", "3", 980.5, "PP-2023/031", "Sporta dienas balvas un ēdināšana"),
    (SIF, "2023-11-20", "3", 1120.0, "PP-2023/055", "Foruma telpu noma un kafijas pauzes, Mārupe"), (SIF, "2024-04-22", "3", 1080.0, "PP-2024/018", "Foruma telpu noma, Olaine"),
    (SIF, "2024-09-30", "3", 2950.0, "PP-2024/047", "„Dižkūre”: naktsmītnes, ēdināšana, vadītāji"), (SIF, "2023-05-31", "4", 1200.0, "PP-2023/017", "Mentoru pakalpojumi, 1. posms"),
    (SIF, "2023-10-31", "4", 900.0, "PP-2023/050", "Mentoru pakalpojumi, 2. posms"), (SIF, "2024-02-29", "4", 1500.0, "PP-2024/006", "Mentoru pakalpojumi, 3. posms"),
    (SIF, "2023-11-30", "5", 420.0, "PP-2023/058", "Foruma fotogrāfs"), (SIF, "2024-10-10", "5", 1190.0, "PP-2024/052", "Video montāža, forumu ieraksti"),
    (SIF, "2023-12-29", "6", 300.0, "PP-2023/063", "Grāmatvedības pakalpojumi 2023"), (SIF, "2024-10-31", "6", 240.0, "PP-2024/060", "Grāmatvedības pakalpojumi 2024"),
    (ESF, "2022-12-30", "1", 1600.0, "SD-AL-12", "Atlīdzība, decembris"), (ESF, "2023-01-31", "1", 1600.0, "SD-AL-01", "Atlīdzība, janvāris"),
    (ESF, "2023-02-28", "1", 1600.0, "SD-AL-02", "Atlīdzība, februāris"), (ESF, "2023-03-31", "1", 1600.0, "SD-AL-03", "Atlīdzība, marts"),
    (ESF, "2023-04-28", "1", 1600.0, "SD-AL-04", "Atlīdzība, aprīlis"), (ESF, "2023-05-31", "1", 1600.0, "SD-AL-05", "Atlīdzība, maijs"),
    (ESF, "2023-01-25", "2", 1240.0, "SD-2023/007", "Aviobiļetes Rīga–Vīne"), (ESF, "2023-02-13", "2", 1387.6, "SD-2023/015", "Naktsmītnes, dienas nauda"),
    (ESF, "2023-02-20", "3", 210.0, "SD-2023/019", "Cigun nodarbību materiāli"), (ESF, "2023-04-05", "3", 385.0, "SD-2023/028", "Izstādes materiāli"),
    (ESF, "2023-05-29", "3", 1170.0, "SD-2023/041", "Baseina nodarbības, 13 ģimenes"), (ESF, "2023-05-31", "4", 1500.0, "SD-2023/043", "Mentora pakalpojumi"),
    (MFA, "2015-09-10", "1", 1320.0, "DL-2015/31", "Ceļš uz Minsku, vīzas"), (MFA, "2015-09-21", "1", 1190.0, "DL-2015/33", "Naktsmītnes Minskā"),
    (MFA, "2015-11-12", "1", 1480.0, "DL-2015/41", "Partneru vizīte Rīgā"), (MFA, "2015-10-09", "2", 620.0, "DL-2015/36", "Semināra telpas, Rīga"),
    (MFA, "2015-10-23", "2", 540.0, "DL-2015/38", "Seminārs Jelgavā"), (MFA, "2015-11-20", "2", 610.0, "DL-2015/43", "Seminārs Daugavpilī"),
    (MFA, "2015-12-04", "2", 590.0, "DL-2015/47", "Seminārs studentiem"), (MFA, "2015-09-30", "3", 400.0, "DL-2015/35", "Žurnālistes honorārs"),
    (MFA, "2015-11-02", "3", 560.0, "DL-2015/40", "Faktu lapas dizains un druka"), (MFA, "2015-12-14", "3", 610.0, "DL-2015/49", "Bilžu stāsts, tulkojumi"),
    (MFA, "2015-09-30", "4", 700.0, "DL-AL-09", "Koordinatora atlīdzība, jūnijs–septembris"), (MFA, "2015-12-15", "4", 700.0, "DL-AL-12", "Koordinatora atlīdzība, oktobris–decembris"),
    (BC, "2023-03-31", "1", 2250.0, "IIC-SAL-Q1", "Salaries Q1"), (BC, "2023-06-30", "1", 2250.0, "IIC-SAL-Q2", "Salaries Q2"),
    (BC, "2023-09-29", "1", 2250.0, "IIC-SAL-Q3", "Salaries Q3"), (BC, "2023-12-29", "1", 2250.0, "IIC-SAL-Q4", "Salaries Q4"),
    (BC, "2023-09-25", "2", 2870.0, "IIC-2023/088", "Furniture and equipment, Krāslava"), (BC, "2023-10-16", "2", 1540.0, "IIC-2023/094", "Equipment, Indra"),
    (BC, "2023-02-24", "3", 980.0, "IIC-2023/015", "Trainers, Rēzekne seminar"), (BC, "2023-03-17", "3", 910.0, "IIC-2023/021", "Trainers, Preiļi seminar"),
    (BC, "2023-04-14", "3", 760.0, "IIC-2023/030", "Workshop, Ludza"), (BC, "2023-06-20", "4", 3000.0, "IIC-2023/052", "Grants to 9 small projects"),
    (BC, "2023-08-28", "5", 380.0, "IIC-2023/079", "Festival photographer"), (BC, "2023-11-27", "5", 640.0, "IIC-2023/101", "Publication on small projects"),
    (EU, "2023-06-30", "A", 6500.0, "PP-EU-AL-1", "Salaries March–June 2023"), (EU, "2023-12-29", "A", 9800.0, "PP-EU-AL-2", "Salaries July–December 2023"),
    (EU, "2024-06-28", "A", 9600.0, "PP-EU-AL-3", "Salaries January–June 2024"), (EU, "2024-08-30", "A", 3900.0, "PP-EU-AL-4", "Salaries July–August 2024"),
    (EU, "2024-06-10", "B", 5200.0, "PP-EU-2024/031", "Booklet design and translation (LV, LT, EN)"),
    (EU, "2023-04-24", "C1", 640.0, "PP-EU-2023/012", "Facilitator training travel"), (EU, "2023-05-22", "C1", 1180.0, "PP-EU-2023/015", "Travel to Garliava"),
    (EU, "2024-05-27", "C1", 8280.0, "PP-EU-2024/027", "Exchange visit: bus, accommodation, subsistence"),
    (EU, "2023-09-25", "C3", 940.0, "PP-EU-2023/041", "Panel venue and catering, Mārupe"), (EU, "2023-10-23", "C3", 860.0, "PP-EU-2023/046", "Panel venue and catering, Olaine"),
    (EU, "2024-02-19", "C3", 720.0, "PP-EU-2024/008", "Panel venue, Jaunmārupe"), (EU, "2024-03-18", "C3", 690.0, "PP-EU-2024/013", "Panel venue, Olaine"),
    (EU, "2024-06-17", "C3", 4380.0, "PP-EU-2024/034", "Final conference: venue, catering, printing"),
    (EU, "2023-12-29", "E", 1150.0, "PP-EU-IND-1", "Indirect costs 2023"), (EU, "2024-08-30", "E", 2410.0, "PP-EU-IND-2", "Indirect costs 2024"),
]

INSTRUCTIONS = [
    ("Šī darbgrāmata ir grantreports piemēra ievaddati. Lapu un kolonnu apraksts: inputs/README.md.",),
    ("This workbook is grantreports example input. Sheets and columns: inputs/README.md.",),
]


def _frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(lambda v: D(v) if isinstance(v, str) and len(v) == 10 and v[4] == "-" else v)
    return frame


def main() -> None:
    (INPUTS / "partners").mkdir(parents=True, exist_ok=True)
    activity_columns = ["grant_number", "activity_code", "title", "start_date", "end_date", "location", "target_group", "participants", "organisation", "result"]
    with pd.ExcelWriter(INPUTS / "grants.xlsx", engine="openpyxl") as writer:
        pd.DataFrame(INSTRUCTIONS, columns=["Norādījumi / Instructions"]).to_excel(writer, sheet_name="Instructions", index=False)
        pd.DataFrame(GRANTS).to_excel(writer, sheet_name="grants", index=False)
        _frame(PERIODS, ["grant_number", "kind", "period_from", "period_to", "due_date", "submission_date"]).to_excel(writer, sheet_name="periods", index=False)
        _frame(NARRATIVE, ["grant_number", "period_to", "section", "text"]).to_excel(writer, sheet_name="narrative", index=False)
        _frame(ACTIVITY_PLAN, ["grant_number", "activity_code", "title", "planned_events", "planned_participants"]).to_excel(writer, sheet_name="activity_plan", index=False)
        _frame(INDICATORS, ["grant_number", "indicator_code", "name", "unit", "baseline", "target", "measure", "activity_codes", "target_group"]).to_excel(writer, sheet_name="indicators", index=False)
        _frame(INDICATOR_VALUES, ["grant_number", "indicator_code", "date", "value", "unit", "comment"]).to_excel(writer, sheet_name="indicator_values", index=False)
        _frame(BUDGET, ["grant_number", "line_code", "category", "description", "approved"]).to_excel(writer, sheet_name="budget", index=False)
        _frame(BUDGET_NOTES, ["grant_number", "period_to", "line_code", "explanation"]).to_excel(writer, sheet_name="budget_notes", index=False)
    with pd.ExcelWriter(INPUTS / "activities.xlsx", engine="openpyxl") as writer:
        _frame(ACTIVITIES, activity_columns).to_excel(writer, sheet_name="activities", index=False)
    with pd.ExcelWriter(INPUTS / "expenses.ods", engine="odf") as writer:
        _frame(EXPENSES, ["grant_number", "date", "line_code", "amount", "document_number", "description"]).to_excel(writer, sheet_name="expenses", index=False)
    with (INPUTS / "partners" / "activities-daugavkrasts.csv").open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(activity_columns)
        writer.writerows(PARTNER_ACTIVITIES)


if __name__ == "__main__":
    main()
