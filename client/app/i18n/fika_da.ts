<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da_DK">
<context>
    <name>AccountEditPage</name>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="13"/>
        <source>New customer</source>
        <translation>Ny kunde</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="13"/>
        <source>Edit customer</source>
        <translation>Rediger kunde</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="23"/>
        <source>Name (required)</source>
        <translation>Navn (påkrævet)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="24"/>
        <source>Org number (CVR / org.nr)</source>
        <translation>CVR-nummer (CVR / org.nr)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="25"/>
        <source>Industry</source>
        <translation>Branche</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="26"/>
        <source>Competitor group (e.g. banks)</source>
        <translation>Konkurrentgruppe (f.eks. banker)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="33"/>
        <source>Policy</source>
        <translation>Politik</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="36"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="36"/>
        <source>Inbound only</source>
        <translation>Kun indgående</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="36"/>
        <source>Blocked</source>
        <translation>Spærret</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="44"/>
        <source>Owner (seller)</source>
        <translation>Ansvarlig (sælger)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="50"/>
        <source>No owner</source>
        <translation>Ingen ansvarlig</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="63"/>
        <source>Yearly revenue with us (DKK)</source>
        <translation>Årlig omsætning hos os (DKK)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="66"/>
        <source>To save: give the customer a name.</source>
        <translation>For at gemme: giv kunden et navn.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="71"/>
        <source>Save</source>
        <translation>Gem</translation>
    </message>
</context>
<context>
    <name>AccountPicker</name>
    <message>
        <location filename="../../../qml/components/AccountPicker.qml" line="29"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AccountPicker.qml" line="52"/>
        <source>A new customer “%1” will be created</source>
        <translation>En ny kunde »%1« bliver oprettet</translation>
    </message>
</context>
<context>
    <name>AttachmentsSection</name>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="17"/>
        <source>Files and photos</source>
        <translation>Filer og fotos</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="43"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="59"/>
        <source>Attach</source>
        <translation>Vedhæft</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="62"/>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="63"/>
        <source>Attach a file</source>
        <translation>Vedhæft en fil</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="79"/>
        <source>Paste</source>
        <translation>Indsæt</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="82"/>
        <source>Paste an image</source>
        <translation>Indsæt et billede</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="83"/>
        <source>Attach the image or file on the clipboard</source>
        <translation>Vedhæft billedet eller filen fra udklipsholderen</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="114"/>
        <source>Drop to attach</source>
        <translation>Slip for at vedhæfte</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="114"/>
        <source>No files yet. Drop photos or files here, or paste an image.</source>
        <translation>Ingen filer endnu. Slip fotos eller filer her, eller indsæt et billede.</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="138"/>
        <source>Open %1</source>
        <translation>Åbn %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="184"/>
        <source>More for %1</source>
        <translation>Mere for %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="188"/>
        <source>Open</source>
        <translation>Åbn</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="191"/>
        <source>Download to this device</source>
        <translation>Hent til denne enhed</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="198"/>
        <source>Send again</source>
        <translation>Send igen</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="205"/>
        <source>Save a copy…</source>
        <translation>Gem en kopi…</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="208"/>
        <source>Rename…</source>
        <translation>Omdøb…</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="209"/>
        <source>Delete</source>
        <translation>Slet</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="222"/>
        <source>Downloading %1…</source>
        <translation>Henter %1…</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="229"/>
        <source>Attach files</source>
        <translation>Vedhæft filer</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="231"/>
        <source>All files (*)</source>
        <translation>Alle filer (*)</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="231"/>
        <source>Photos (*.jpg *.jpeg *.png *.heic *.webp)</source>
        <translation>Fotos (*.jpg *.jpeg *.png *.heic *.webp)</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="231"/>
        <source>Documents (*.pdf *.docx *.xlsx *.pptx *.txt)</source>
        <translation>Dokumenter (*.pdf *.docx *.xlsx *.pptx *.txt)</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="237"/>
        <source>Save a copy</source>
        <translation>Gem en kopi</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="251"/>
        <source>Rename</source>
        <translation>Omdøb</translation>
    </message>
</context>
<context>
    <name>CameraButton</name>
    <message>
        <location filename="../../../qml/components/CameraButton.qml" line="18"/>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <location filename="../../../qml/components/CameraButton.qml" line="20"/>
        <location filename="../../../qml/components/CameraButton.qml" line="22"/>
        <location filename="../../../qml/components/CameraButton.qml" line="35"/>
        <source>Take a photo</source>
        <translation>Tag et foto</translation>
    </message>
    <message>
        <location filename="../../../qml/components/CameraButton.qml" line="44"/>
        <source>Photo %1</source>
        <translation>Foto %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/CameraButton.qml" line="47"/>
        <source>The camera could not take the photo: %1</source>
        <translation>Kameraet kunne ikke tage fotoet: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/CameraButton.qml" line="66"/>
        <source>Take photo</source>
        <translation>Tag foto</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="16"/>
        <source>Case</source>
        <translation>Sag</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="78"/>
        <source>No case to show</source>
        <translation>Ingen sag at vise</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="105"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="110"/>
        <source>What is it, in one sentence</source>
        <translation>Hvad drejer det sig om, i én sætning</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="116"/>
        <source>Need</source>
        <translation>Behov</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="121"/>
        <source>The need, in the customer&apos;s words</source>
        <translation>Behovet, med kundens ord</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="129"/>
        <source>Found by %1</source>
        <translation>Fundet af %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="144"/>
        <source>Yours</source>
        <translation>Din</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="144"/>
        <source>No owner yet: to triage</source>
        <translation>Ingen ejer endnu: til sortering</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="144"/>
        <source>Owned by %1</source>
        <translation>Ejes af %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="149"/>
        <source>Take ownership</source>
        <translation>Tag ejerskab</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="154"/>
        <source>Stage</source>
        <translation>Fase</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="178"/>
        <source>Value</source>
        <translation>Værdi</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="180"/>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="182"/>
        <source>Probability %</source>
        <translation>Sandsynlighed %</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="184"/>
        <source>Follow up</source>
        <translation>Følg op</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="185"/>
        <source>No follow-up</source>
        <translation>Ingen opfølgning</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="187"/>
        <source>Next step</source>
        <translation>Næste skridt</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="188"/>
        <source>What happens next, and who does it</source>
        <translation>Hvad sker der nu, og hvem gør det</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="191"/>
        <source>Lost because: %1</source>
        <translation>Tabt fordi: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="200"/>
        <source>Save</source>
        <translation>Gem</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="207"/>
        <source>Log activity</source>
        <translation>Log aktivitet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="210"/>
        <source>Delete</source>
        <translation>Slet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="231"/>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="251"/>
        <source>Add a note about this case</source>
        <translation>Tilføj en note om sagen</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="258"/>
        <source>Add</source>
        <translation>Tilføj</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="295"/>
        <source>Nothing logged on this case yet</source>
        <translation>Intet logget på sagen endnu</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="13"/>
        <source>Needs your attention</source>
        <translation>Kræver din opmærksomhed</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="25"/>
        <source>Conflicts (%1)</source>
        <translation>Konflikter (%1)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="26"/>
        <source>No conflicts</source>
        <translation>Ingen konflikter</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="42"/>
        <source>Yours: %1</source>
        <translation>Din: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="43"/>
        <source>Theirs (kept): %1</source>
        <translation>Deres (beholdt): %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="45"/>
        <source>Keep theirs</source>
        <translation>Behold deres</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="46"/>
        <source>Use mine</source>
        <translation>Brug min</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="51"/>
        <source>Refused by the server (%1)</source>
        <translation>Afvist af serveren (%1)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="52"/>
        <source>Nothing refused</source>
        <translation>Intet afvist</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="71"/>
        <source>Dismiss</source>
        <translation>Kassér</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="72"/>
        <source>Send again</source>
        <translation>Send igen</translation>
    </message>
</context>
<context>
    <name>CustomerPage</name>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="16"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="51"/>
        <source>competitor group: %1</source>
        <translation>konkurrentgruppe: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="52"/>
        <source>revenue %1</source>
        <translation>omsætning %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="38"/>
        <source>Duplicates</source>
        <translation>Dubletter</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="39"/>
        <source>Edit</source>
        <translation>Rediger</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="40"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="426"/>
        <source>Delete</source>
        <translation>Slet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="53"/>
        <source>owner %1</source>
        <translation>ansvarlig %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="84"/>
        <source>More actions</source>
        <translation>Flere handlinger</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="101"/>
        <source>People</source>
        <translation>Personer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="102"/>
        <source>Cases</source>
        <translation>Sager</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="103"/>
        <source>Activities</source>
        <translation>Aktiviteter</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="104"/>
        <source>Notes</source>
        <translation>Noter</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="36"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="105"/>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="31"/>
        <source>Log conversation</source>
        <translation>Log samtale</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="32"/>
        <source>Case</source>
        <translation>Sag</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="34"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="37"/>
        <source>Follow-up</source>
        <translation>Opfølgning</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="82"/>
        <source>More</source>
        <translation>Mere</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="106"/>
        <source>Follow-ups</source>
        <translation>Opfølgninger</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="107"/>
        <source>Files</source>
        <translation>Filer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="113"/>
        <source>No people yet. Who decides? Who owns the project?</source>
        <translation>Ingen personer endnu. Hvem beslutter? Hvem ejer projektet?</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="114"/>
        <source>No cases yet</source>
        <translation>Ingen sager endnu</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="115"/>
        <source>No conversations logged yet</source>
        <translation>Ingen samtaler logget endnu</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="115"/>
        <source>Files on this activity</source>
        <translation>Filer på denne aktivitet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="116"/>
        <source>No notes yet</source>
        <translation>Ingen noter endnu</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="117"/>
        <source>Nobody is planned to contact anyone here yet</source>
        <translation>Ingen er planlagt til at kontakte nogen her endnu</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="118"/>
        <source>No follow-ups yet</source>
        <translation>Ingen opfølgninger endnu</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="127"/>
        <source>Files about this customer</source>
        <translation>Filer om denne kunde</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="153"/>
        <source>New person</source>
        <translation>Ny person</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="160"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="192"/>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="161"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="193"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="169"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="202"/>
        <source>We have met</source>
        <translation>Vi har mødt hinanden</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="170"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="203"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="171"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="204"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="206"/>
        <source>Export vCard</source>
        <translation>Eksportér vCard</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="210"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="218"/>
        <source>Saved %1</source>
        <translation>Gemte %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="214"/>
        <source>Export their data (GDPR)</source>
        <translation>Eksportér personens data (GDPR)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="223"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="340"/>
        <source>Files and photos…</source>
        <translation>Filer og fotos…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="227"/>
        <source>Delete person</source>
        <translation>Slet person</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="230"/>
        <source>Erase person…</source>
        <translation>Slet personen…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="245"/>
        <source>Possible duplicates</source>
        <translation>Mulige dubletter</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="255"/>
        <source>No one here looks like a duplicate.</source>
        <translation>Ingen her ligner en dublet.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="276"/>
        <source>Merge into %1</source>
        <translation>Flet ind i %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="281"/>
        <source>Merged into %1</source>
        <translation>Flettet ind i %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="296"/>
        <source>Erase %1?</source>
        <translation>Slet %1?</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="305"/>
        <source>Their name, contact details and the words of every conversation, note and follow-up about them are cleared on this device now and on every device at the next sync. Cases stay. This cannot be undone.</source>
        <translation>Navn, kontaktoplysninger og teksten i alle samtaler, noter og opfølgninger om personen slettes på denne enhed nu og på alle enheder ved næste synkronisering. Sager bliver. Det kan ikke fortrydes.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="311"/>
        <source>Erase</source>
        <translation>Slet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="317"/>
        <source>%1 was erased</source>
        <translation>%1 er slettet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="328"/>
        <source>New note</source>
        <translation>Ny note</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="35"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="328"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="335"/>
        <source>Needs analysis template</source>
        <translation>Skabelon til behovsanalyse</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="336"/>
        <source>What did you learn?</source>
        <translation>Hvad fik du at vide?</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="342"/>
        <source>Files on this note</source>
        <translation>Filer på denne note</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="356"/>
        <source>Plan who contacts whom</source>
        <translation>Planlæg hvem der kontakter hvem</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="365"/>
        <source>Add the person first (People tab)</source>
        <translation>Tilføj først personen (fanen Personer)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="374"/>
        <source>Colleague who will make contact</source>
        <translation>Kollega der tager kontakten</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="375"/>
        <source>By date</source>
        <translation>Senest</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="395"/>
        <source>Due</source>
        <translation>Forfalder</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="385"/>
        <source>New follow-up</source>
        <translation>Ny opfølgning</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="394"/>
        <source>What to do, e.g. call Eva about the offer</source>
        <translation>Hvad skal gøres, f.eks. ring til Eva om tilbuddet</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="12"/>
        <source>Customers</source>
        <translation>Kunder</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="24"/>
        <source>Search customers</source>
        <translation>Søg kunder</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="29"/>
        <source>New customer</source>
        <translation>Ny kunde</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../qml/pages/CustomersPage.qml" line="34"/>
        <source>%Ln customer(s)</source>
        <translation>
            <numerusform>%Ln kunde</numerusform>
            <numerusform>%Ln kunder</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="52"/>
        <source>No customers yet</source>
        <translation>Ingen kunder endnu</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="52"/>
        <source>No customer matches “%1”</source>
        <translation>Ingen kunde matcher »%1«</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="53"/>
        <source>Add one with “New customer”, or capture a case and name the customer.</source>
        <translation>Tilføj en med »Ny kunde«, eller fang en sag og angiv kunden.</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="11"/>
        <location filename="../../../qml/components/DateField.qml" line="120"/>
        <source>No date</source>
        <translation>Ingen dato</translation>
    </message>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="68"/>
        <source>Previous month</source>
        <translation>Forrige måned</translation>
    </message>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="81"/>
        <source>Next month</source>
        <translation>Næste måned</translation>
    </message>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="118"/>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="119"/>
        <source>In a week</source>
        <translation>Om en uge</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <location filename="../../../qml/components/DraftKeeper.qml" line="75"/>
        <source>What you typed here before is back (not saved yet).</source>
        <translation>Det, du skrev her før, er tilbage (ikke gemt endnu).</translation>
    </message>
    <message>
        <location filename="../../../qml/components/DraftKeeper.qml" line="83"/>
        <source>Discard</source>
        <translation>Kassér</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="13"/>
        <source>Fika</source>
        <translation>Fika</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="28"/>
        <source>Hello, %1</source>
        <translation>Hej, %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="28"/>
        <source>Hello</source>
        <translation>Hej</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="42"/>
        <source>Log a conversation</source>
        <translation>Log en samtale</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="51"/>
        <source>Capture a case</source>
        <translation>Fang en sag</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="71"/>
        <source>Follow-ups due (%1)</source>
        <translation>Opfølgninger der skal gøres (%1)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="99"/>
        <source>was due %1</source>
        <translation>forfaldt %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="99"/>
        <source>due today</source>
        <translation>skal gøres i dag</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="100"/>
        <source>snoozed until %1</source>
        <translation>udsat til %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="119"/>
        <location filename="../../../qml/pages/HomePage.qml" line="120"/>
        <source>Snooze</source>
        <translation>Påmind senere</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="124"/>
        <source>For an hour</source>
        <translation>Om en time</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="125"/>
        <source>Until tomorrow</source>
        <translation>I morgen</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="133"/>
        <location filename="../../../qml/pages/HomePage.qml" line="134"/>
        <source>Done</source>
        <translation>Færdig</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="148"/>
        <source>This week: %1 of %2 conversations</source>
        <translation>Denne uge: %1 af %2 samtaler</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="159"/>
        <source>The most conversations win.</source>
        <translation>Flest samtaler vinder.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="172"/>
        <source>Talking points (%1)</source>
        <translation>Samtalestøtte (%1)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="186"/>
        <source>To triage (%1)</source>
        <translation>Til sortering (%1)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="201"/>
        <source>Show %1 more</source>
        <translation>Vis %1 mere</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="208"/>
        <source>Nothing waiting</source>
        <translation>Intet venter</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="209"/>
        <source>New cases show up here until someone takes them.</source>
        <translation>Nye sager vises her, indtil nogen tager dem.</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="14"/>
        <source>Inbox</source>
        <translation>Indbakke</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="40"/>
        <source>Unread only</source>
        <translation>Kun ulæste</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="49"/>
        <source>Every kind</source>
        <translation>Alle slags</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="49"/>
        <source>New cases</source>
        <translation>Nye sager</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="50"/>
        <source>Competitor groups</source>
        <translation>Konkurrentgrupper</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="51"/>
        <source>Restricted customers</source>
        <translation>Begrænsede kunder</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="56"/>
        <source>Mark all read</source>
        <translation>Markér alle som læst</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="119"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="128"/>
        <source>Contact: %1</source>
        <translation>Kontakt: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="138"/>
        <source>Take it</source>
        <translation>Tag den</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="144"/>
        <source>Yours</source>
        <translation>Din</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="155"/>
        <source>No new cases yet</source>
        <translation>Ingen nye sager endnu</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="155"/>
        <source>Nothing here with these filters</source>
        <translation>Intet her med disse filtre</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="156"/>
        <source>Connect to a server to receive cases from the field.</source>
        <translation>Forbind til en server for at modtage sager fra felten.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="156"/>
        <source>They appear here the moment a consultant syncs.</source>
        <translation>De dukker op her, så snart en konsulent synkroniserer.</translation>
    </message>
</context>
<context>
    <name>LockWindow</name>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="18"/>
        <source>Fika</source>
        <translation>Fika</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="46"/>
        <source>Protect this device</source>
        <translation>Beskyt denne enhed</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="47"/>
        <source>This device&apos;s data cannot be opened</source>
        <translation>Denne enheds data kan ikke åbnes</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="48"/>
        <source>Unlock Fika</source>
        <translation>Lås Fika op</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="57"/>
        <source>Fika encrypts what it keeps on this device. This computer has no keyring to hold the key, so choose a passphrase: you type it when Fika starts. Without it the data on this device cannot be read - by anyone; what has been synced stays safe on the server.</source>
        <translation>Fika krypterer det, der gemmes på denne enhed. Computeren har ingen nøglering til nøglen, så vælg en adgangssætning: du skriver den, når Fika starter. Uden den kan ingen læse data på denne enhed; det, der er synkroniseret, er stadig sikkert på serveren.</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="59"/>
        <source>What Fika keeps on this device is encrypted. Type this device&apos;s passphrase.</source>
        <translation>Det, Fika gemmer på denne enhed, er krypteret. Skriv enhedens adgangssætning.</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="69"/>
        <source>New passphrase (at least 8 characters)</source>
        <translation>Ny adgangssætning (mindst 8 tegn)</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="69"/>
        <source>Passphrase</source>
        <translation>Adgangssætning</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="80"/>
        <source>The same again</source>
        <translation>Det samme igen</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="97"/>
        <source>Encrypt and start</source>
        <translation>Kryptér og start</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="97"/>
        <source>Unlock</source>
        <translation>Lås op</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="105"/>
        <source>Quit</source>
        <translation>Afslut</translation>
    </message>
</context>
<context>
    <name>LogActivityPage</name>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="17"/>
        <source>Log a conversation</source>
        <translation>Log en samtale</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="17"/>
        <source>Log on a case</source>
        <translation>Log på en sag</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="72"/>
        <source>On the case “%1”</source>
        <translation>På sagen »%1«</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="97"/>
        <source>(nobody in particular)</source>
        <translation>(ingen bestemt)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="121"/>
        <source>They contacted us (inbound)</source>
        <translation>De kontaktede os (indgående)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="125"/>
        <source>Note (optional): coffee chat with Eva about…</source>
        <translation>Note (valgfri): kaffesnak med Eva om…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="132"/>
        <source>There may be a case here</source>
        <translation>Der kan være en sag her</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="141"/>
        <source>Talking points</source>
        <translation>Samtalestøtte</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="151"/>
        <source>To save: choose the customer from the list.</source>
        <translation>For at gemme: vælg kunden på listen.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="156"/>
        <source>Save</source>
        <translation>Gem</translation>
    </message>
</context>
<context>
    <name>LostReasonDialog</name>
    <message>
        <location filename="../../../qml/components/LostReasonDialog.qml" line="9"/>
        <source>Why was it lost?</source>
        <translation>Hvorfor blev den tabt?</translation>
    </message>
    <message>
        <location filename="../../../qml/components/LostReasonDialog.qml" line="22"/>
        <source>Price, timing, another vendor…</source>
        <translation>Pris, timing, en anden leverandør…</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../../qml/Main.qml" line="16"/>
        <location filename="../../../qml/Main.qml" line="146"/>
        <location filename="../../../qml/Main.qml" line="269"/>
        <source>Fika</source>
        <translation>Fika</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="29"/>
        <source>Home</source>
        <translation>Hjem</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="30"/>
        <source>Customers</source>
        <translation>Kunder</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="31"/>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="32"/>
        <source>My numbers</source>
        <translation>Mine tal</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="35"/>
        <location filename="../../../qml/Main.qml" line="251"/>
        <source>Inbox</source>
        <translation>Indbakke</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="36"/>
        <source>Trash</source>
        <translation>Papirkurv</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="37"/>
        <source>Settings</source>
        <translation>Indstillinger</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="140"/>
        <source>Back</source>
        <translation>Tilbage</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="140"/>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="171"/>
        <source>Capture a case</source>
        <translation>Fang en sag</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="173"/>
        <source>Capture a case (Ctrl+N)</source>
        <translation>Fang en sag (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="245"/>
        <source>Deleted “%1”</source>
        <translation>Slettede »%1«</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="241"/>
        <location filename="../../../qml/Main.qml" line="245"/>
        <source>Undo</source>
        <translation>Fortryd</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="255"/>
        <source>Show</source>
        <translation>Vis</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="276"/>
        <source>working offline</source>
        <translation>arbejder offline</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="325"/>
        <source>Too many wrong tries: try again in %1 s</source>
        <translation>For mange forkerte forsøg: prøv igen om %1 s</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="326"/>
        <source>That is not the PIN or passphrase of this app&apos;s lock</source>
        <translation>Det er ikke applåsens PIN-kode eller adgangssætning</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="335"/>
        <source>Fika is locked</source>
        <translation>Fika er låst</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="339"/>
        <source>PIN or passphrase</source>
        <translation>PIN-kode eller adgangssætning</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="346"/>
        <source>Unlock</source>
        <translation>Lås op</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="367"/>
        <source>Choose an app lock</source>
        <translation>Vælg en applås</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="369"/>
        <source>Your firm requires Fika to lock itself after %1 idle minutes and at every start. Choose the PIN or passphrase that opens it.</source>
        <translation>Din virksomhed kræver, at Fika låser sig efter %1 minutter uden aktivitet og ved hver start. Vælg den PIN-kode eller adgangssætning, der åbner den.</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="373"/>
        <source>PIN or passphrase (at least 4 characters)</source>
        <translation>PIN-kode eller adgangssætning (mindst 4 tegn)</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="374"/>
        <source>The same again</source>
        <translation>Det samme igen</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="376"/>
        <source>Set the app lock</source>
        <translation>Indstil applåsen</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="395"/>
        <source>This device&apos;s Fika data is deleted</source>
        <translation>Fika-data på denne enhed er slettet</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="408"/>
        <source>Everything that was synced is safe on the server. To work here again, start Fika and sign in.</source>
        <translation>Alt, der er synkroniseret, er sikkert på serveren. Start Fika og log ind for at arbejde her igen.</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="415"/>
        <source>Quit</source>
        <translation>Afslut</translation>
    </message>
</context>
<context>
    <name>NumbersPage</name>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="12"/>
        <source>My numbers</source>
        <translation>Mine tal</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="29"/>
        <source>This week: %1 of %2 conversations</source>
        <translation>Denne uge: %1 af %2 samtaler</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="36"/>
        <source>Only mine</source>
        <translation>Kun mine</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="46"/>
        <source>Funnel</source>
        <translation>Tragt</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="56"/>
        <source>%1 meetings and %2 phone meetings · %3 lost</source>
        <translation>%1 møder og %2 telefonmøder · %3 tabt</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="65"/>
        <source>won value</source>
        <translation>vundet værdi</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="71"/>
        <source>Pipeline by stage</source>
        <translation>Pipeline pr. trin</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="91"/>
        <source>Pipeline over time</source>
        <translation>Pipeline over tid</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="96"/>
        <source>captured</source>
        <translation>fanget</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="109"/>
        <source>Per person</source>
        <translation>Per person</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="133"/>
        <source>%1 of %2 this week</source>
        <translation>%1 af %2 denne uge</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="177"/>
        <source>Return on the programme</source>
        <translation>Programmets afkast</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="181"/>
        <source>Add programme</source>
        <translation>Tilføj program</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="188"/>
        <source>No programme yet. A programme&apos;s cost (training, travel, lost billable time) and period set the pipeline it found against what it cost.</source>
        <translation>Intet program endnu. Et programs omkostning (uddannelse, rejser, tabt fakturerbar tid) og periode stiller den pipeline, det fandt, over for hvad det kostede.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="222"/>
        <source>Edit</source>
        <translation>Rediger</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="232"/>
        <source>programme cost</source>
        <translation>programmets omkostning</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="232"/>
        <source>training, travel, lost billable time</source>
        <translation>uddannelse, rejser, tabt fakturerbar tid</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="233"/>
        <source>identified pipeline</source>
        <translation>identificeret pipeline</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="234"/>
        <source>estimated earnings (weighted)</source>
        <translation>forventet indtjening (vægtet)</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <location filename="../../../qml/components/PersonPicker.qml" line="60"/>
        <source>Who said it (optional)</source>
        <translation>Hvem sagde det (valgfrit)</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PersonPicker.qml" line="81"/>
        <source>Add “%1” as a new person</source>
        <translation>Tilføj »%1« som en ny person</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PersonPicker.qml" line="88"/>
        <source>Choose who it was above, or add “%1” as a new person</source>
        <translation>Vælg hvem det var ovenfor, eller tilføj »%1« som en ny person</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PersonPicker.qml" line="96"/>
        <source>A new person “%1” will be added</source>
        <translation>En ny person »%1« bliver tilføjet</translation>
    </message>
</context>
<context>
    <name>PipelineBoard</name>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="23"/>
        <source>Everyone&apos;s cases</source>
        <translation>Alles sager</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="24"/>
        <source>My cases</source>
        <translation>Mine sager</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="25"/>
        <source>Not owned yet</source>
        <translation>Uden ejer</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="28"/>
        <source>Owned by %1</source>
        <translation>Ejet af %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="31"/>
        <source>Found by %1</source>
        <translation>Fundet af %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="47"/>
        <source>Moved “%1” to %2</source>
        <translation>Flyttede “%1” til %2</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="75"/>
        <source>Open pipeline: %1</source>
        <translation>Åben pipeline: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="76"/>
        <location filename="../../../qml/components/PipelineBoard.qml" line="159"/>
        <source>weighted %1</source>
        <translation>vægtet %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="77"/>
        <source>Show</source>
        <translation>Vis</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="86"/>
        <source>Whose cases the board shows</source>
        <translation>Hvis sager tavlen viser</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="182"/>
        <source>No cases</source>
        <translation>Ingen sager</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="220"/>
        <source>Ctrl+Left or Ctrl+Right moves it to the stage before or after</source>
        <translation>Ctrl+venstre eller Ctrl+højre flytter den til trinnet før eller efter</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="223"/>
        <source>Ctrl+← / Ctrl+→ moves it; Enter opens it</source>
        <translation>Ctrl+← / Ctrl+→ flytter den; Enter åbner den</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="233"/>
        <source>(untitled)</source>
        <translation>(uden titel)</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="246"/>
        <source>Not owned</source>
        <translation>Ingen ejer</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../qml/components/PipelineBoard.qml" line="256"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln dag</numerusform>
            <numerusform>%Ln dage</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="291"/>
        <source>Move to…</source>
        <translation>Flyt til…</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="297"/>
        <source>Move to</source>
        <translation>Flyt til</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="303"/>
        <source>Move to %1</source>
        <translation>Flyt til %1</translation>
    </message>
</context>
<context>
    <name>PipelinePage</name>
    <message>
        <location filename="../../../qml/pages/PipelinePage.qml" line="15"/>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/PipelinePage.qml" line="38"/>
        <source>Open pipeline: %1</source>
        <translation>Åben pipeline: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/PipelinePage.qml" line="39"/>
        <source>weighted %1</source>
        <translation>vægtet %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../qml/pages/PipelinePage.qml" line="65"/>
        <source>%Ln case(s)</source>
        <translation>
            <numerusform>%Ln sag</numerusform>
            <numerusform>%Ln sager</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../qml/pages/PipelinePage.qml" line="89"/>
        <source>No cases yet. Cases captured in the field arrive here.</source>
        <translation>Ingen sager endnu. Sager fanget ude hos kunderne lander her.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/PipelinePage.qml" line="89"/>
        <source>Choose a stage to see its cases</source>
        <translation>Vælg en fase for at se dens sager</translation>
    </message>
</context>
<context>
    <name>ProgrammeEditPage</name>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="14"/>
        <source>New programme</source>
        <translation>Nyt program</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="14"/>
        <source>Edit programme</source>
        <translation>Rediger program</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="27"/>
        <source>Name (required)</source>
        <translation>Navn (påkrævet)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="33"/>
        <source>Cost: training, travel, lost billable time</source>
        <translation>Omkostning: uddannelse, rejser, tabt fakturerbar tid</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="41"/>
        <source>Cost</source>
        <translation>Omkostning</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="52"/>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="60"/>
        <source>From</source>
        <translation>Fra</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="68"/>
        <source>To</source>
        <translation>Til</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="74"/>
        <source>Cases captured in the period count as the pipeline this programme found.</source>
        <translation>Sager fanget i perioden tæller som den pipeline, programmet fandt.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="83"/>
        <source>To save: give the programme a name.</source>
        <translation>For at gemme: giv programmet et navn.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="88"/>
        <source>Save</source>
        <translation>Gem</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="105"/>
        <source>Delete</source>
        <translation>Slet</translation>
    </message>
</context>
<context>
    <name>QuickCapturePage</name>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="13"/>
        <source>Capture a case</source>
        <translation>Fang en sag</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="40"/>
        <source>Case saved</source>
        <translation>Sagen er gemt</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="121"/>
        <source>What do they need? One sentence is enough.</source>
        <translation>Hvad har de brug for? Én sætning er nok.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="144"/>
        <source>Rough value, e.g. 150k (optional)</source>
        <translation>Omtrentlig værdi, f.eks. 150k (valgfrit)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="154"/>
        <source>To save: name the customer.</source>
        <translation>For at gemme: angiv kunden.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="155"/>
        <source>To save: write what they need, one sentence is enough.</source>
        <translation>For at gemme: skriv, hvad de har brug for, én sætning er nok.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="156"/>
        <source>To save: pick who said it from the list, or add them as new.</source>
        <translation>For at gemme: vælg, hvem der sagde det, på listen, eller tilføj personen som ny.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="161"/>
        <source>Save case</source>
        <translation>Gem sag</translation>
    </message>
</context>
<context>
    <name>RecordDelegate</name>
    <message>
        <location filename="../../../qml/components/RecordDelegate.qml" line="19"/>
        <source>(untitled)</source>
        <translation>(uden titel)</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="13"/>
        <source>Settings</source>
        <translation>Indstillinger</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="22"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="24"/>
        <source>Connected to %1 as %2</source>
        <translation>Forbundet til %1 som %2</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="24"/>
        <source>Working offline on this device</source>
        <translation>Arbejder offline på denne enhed</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="29"/>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="66"/>
        <source>Connect</source>
        <translation>Forbind</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="54"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="69"/>
        <source>Connecting…</source>
        <translation>Forbinder…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="50"/>
        <source>Sign in again</source>
        <translation>Log ind igen</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="73"/>
        <source>Sync now</source>
        <translation>Synkronisér nu</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="74"/>
        <source>Disconnect</source>
        <translation>Afbryd</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="275"/>
        <source>What Fika keeps on this device is encrypted; its key is in this computer&apos;s keyring or sealed with your passphrase.</source>
        <translation>Det, Fika gemmer på denne enhed, er krypteret; nøglen ligger i computerens nøglering eller er forseglet med din adgangssætning.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="276"/>
        <source>What Fika keeps on this device is not encrypted.</source>
        <translation>Det, Fika gemmer på denne enhed, er ikke krypteret.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="304"/>
        <source>Sign out of this device…</source>
        <translation>Log ud af denne enhed…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../qml/pages/SettingsPage.qml" line="328"/>
        <source>%n change(s) could not be sent (%1). Nothing is deleted: sign out when you are online, or sign out anyway and lose them.</source>
        <translation>
            <numerusform>%n ændring kunne ikke sendes (%1). Intet slettes: log ud, når du er online, eller log ud alligevel og mist den.</numerusform>
            <numerusform>%n ændringer kunne ikke sendes (%1). Intet slettes: log ud, når du er online, eller log ud alligevel og mist dem.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="329"/>
        <source>Everything not yet sent goes to the server first. Then this device&apos;s data and its token are deleted; signing in again downloads what you may see.</source>
        <translation>Alt, der ikke er sendt, går først til serveren. Derefter slettes enhedens data og dens token; logger du ind igen, hentes det, du må se.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="336"/>
        <source>Sign out anyway</source>
        <translation>Log ud alligevel</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="336"/>
        <source>Sign out</source>
        <translation>Log ud</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="340"/>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="177"/>
        <source>Language</source>
        <translation>Sprog</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="30"/>
        <source>Code from your admin, e.g. K7QH-2MWP-9XRT</source>
        <translation>Kode fra din administrator, f.eks. K7QH-2MWP-9XRT</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="40"/>
        <source>The server no longer accepts this device&apos;s sign-in (an admin signed it out, or replaced it). Enter a new code from your admin: everything on this device stays and syncs once you are signed in.</source>
        <translation>Serveren godtager ikke længere denne enheds login (en administrator loggede den ud eller erstattede det). Indtast en ny kode fra din administrator: alt på enheden bliver og synkroniseres, når du er logget ind.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="45"/>
        <source>New code, e.g. K7QH-2MWP-9XRT</source>
        <translation>Ny kode, f.eks. K7QH-2MWP-9XRT</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="215"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="225"/>
        <source>Remind me of follow-ups due at</source>
        <translation>Mind mig om opfølgninger klokken</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="85"/>
        <source>E-mail about new cases</source>
        <translation>E-mail om nye sager</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="89"/>
        <source>Your server does not send e-mail yet: ask your admin. Your choice is kept for when it does.</source>
        <translation>Din server sender ikke e-mail endnu: spørg din administrator. Dit valg gemmes, til den gør.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="99"/>
        <source>Your e-mail address</source>
        <translation>Din e-mailadresse</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="110"/>
        <source>A mail for each new case, at once</source>
        <translation>En mail for hver ny sag, med det samme</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="124"/>
        <source>One mail a day, at</source>
        <translation>En mail om dagen, klokken</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="142"/>
        <source>No e-mail</source>
        <translation>Ingen e-mail</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="152"/>
        <source>Save</source>
        <translation>Gem</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="167"/>
        <source>The server refused it: %1</source>
        <translation>Serveren afviste det: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="168"/>
        <source>Kept: it reaches the server at the next sync</source>
        <translation>Gemt: det når serveren ved næste synkronisering</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="169"/>
        <source>Saved</source>
        <translation>Gemt</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="182"/>
        <source>As the system</source>
        <translation>Som systemet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="189"/>
        <source>Dark theme</source>
        <translation>Mørkt tema</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="190"/>
        <source>How I sell</source>
        <translation>Sådan sælger jeg</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="207"/>
        <source>Conversations per week</source>
        <translation>Samtaler om ugen</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="229"/>
        <source>Photos and files</source>
        <translation>Fotos og filer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="235"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="244"/>
        <source>Photos are kept</source>
        <translation>Fotos gemmes</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="240"/>
        <source>Large (2560 pixels)</source>
        <translation>Store (2560 pixels)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="240"/>
        <source>Small (1280 pixels)</source>
        <translation>Små (1280 pixels)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="241"/>
        <source>As taken</source>
        <translation>Som de blev taget</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="247"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="255"/>
        <source>Largest file (MB)</source>
        <translation>Største fil (MB)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="257"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="266"/>
        <source>Download files</source>
        <translation>Hent filer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="262"/>
        <source>Small ones (up to 2 MB) at once</source>
        <translation>Små (op til 2 MB) med det samme</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="262"/>
        <source>All at once</source>
        <translation>Alle med det samme</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="263"/>
        <source>Only when opened</source>
        <translation>Først når de åbnes</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="270"/>
        <source>This device</source>
        <translation>Denne enhed</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="287"/>
        <source>Add another device…</source>
        <translation>Tilføj en enhed mere…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="295"/>
        <source>Your devices…</source>
        <translation>Dine enheder…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="345"/>
        <source>App lock</source>
        <translation>Applås</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="351"/>
        <source>Never</source>
        <translation>Aldrig</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="351"/>
        <source>After 1 minute idle</source>
        <translation>Efter 1 minut uden aktivitet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="352"/>
        <source>After 5 minutes idle</source>
        <translation>Efter 5 minutter uden aktivitet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="352"/>
        <source>After 15 minutes idle</source>
        <translation>Efter 15 minutter uden aktivitet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="353"/>
        <source>After an hour idle</source>
        <translation>Efter en time uden aktivitet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="368"/>
        <source>PIN or passphrase (at least 4 characters)</source>
        <translation>PIN-kode eller adgangssætning (mindst 4 tegn)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="379"/>
        <source>The same again</source>
        <translation>Det samme igen</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="388"/>
        <source>Set the app lock</source>
        <translation>Indstil applåsen</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="388"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="395"/>
        <source>No app lock</source>
        <translation>Ingen applås</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="395"/>
        <source>Fika locks itself after %1 min without use, and at every start</source>
        <translation>Fika låser sig efter %1 min uden brug og ved hver start</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="402"/>
        <source>Conflicts and refused changes</source>
        <translation>Konflikter og afviste ændringer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="404"/>
        <source>Export follow-ups to a calendar (.ics)</source>
        <translation>Eksportér opfølgninger til en kalender (.ics)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="411"/>
        <source>Saved %1: open it with your calendar</source>
        <translation>Gemte %1: åbn den med din kalender</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="415"/>
        <source>Export all to CSV files</source>
        <translation>Eksportér alt til CSV-filer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="422"/>
        <source>Saved in %1</source>
        <translation>Gemt i %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="427"/>
        <source>Import a CSV file…</source>
        <translation>Importér en CSV-fil…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="446"/>
        <source>Import a CSV file</source>
        <translation>Importér en CSV-fil</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="448"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="448"/>
        <source>All files (*)</source>
        <translation>Alle filer (*)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="453"/>
        <source>Connected</source>
        <translation>Forbundet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="464"/>
        <source>Your devices</source>
        <translation>Dine enheder</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="473"/>
        <source>Asking the server…</source>
        <translation>Spørger serveren…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="483"/>
        <source>this device</source>
        <translation>denne enhed</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="490"/>
        <source>last sync %1</source>
        <translation>senest synkroniseret %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="490"/>
        <source>never synced</source>
        <translation>aldrig synkroniseret</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="500"/>
        <source>A lost device? Ask your admin to wipe it: it deletes what it holds at its next contact.</source>
        <translation>En mistet enhed? Bed din administrator om at slette den: den sletter alt, den har, ved næste kontakt.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="514"/>
        <source>Add another device</source>
        <translation>Tilføj en enhed mere</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="525"/>
        <source>Asking the server for a code…</source>
        <translation>Beder serveren om en kode…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="537"/>
        <source>On your other device, open Fika and enter this server and code, or scan the QR code with its camera. The code works once, until %1.</source>
        <translation>Åbn Fika på den anden enhed og indtast serveren og koden, eller scan QR-koden med dens kamera. Koden virker én gang, indtil %1.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="564"/>
        <source>Copy</source>
        <translation>Kopiér</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../../qml/components/SyncIndicator.qml" line="39"/>
        <source>Sync status: %1</source>
        <translation>Synkroniseringsstatus: %1</translation>
    </message>
</context>
<context>
    <name>TrashPage</name>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="12"/>
        <source>Trash</source>
        <translation>Papirkurv</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Customers</source>
        <translation>Kunder</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>People</source>
        <translation>Personer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Cases</source>
        <translation>Sager</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Activities</source>
        <translation>Aktiviteter</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Notes</source>
        <translation>Noter</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Follow-ups</source>
        <translation>Opfølgninger</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Contact plans</source>
        <translation>Kontaktplaner</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Programmes</source>
        <translation>Programmer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Files</source>
        <translation>Filer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="42"/>
        <source>Restore</source>
        <translation>Gendan</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="47"/>
        <source>The trash is empty</source>
        <translation>Papirkurven er tom</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="12"/>
        <source>Welcome to Fika</source>
        <translation>Velkommen til Fika</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="24"/>
        <source>Capture possible work where it happens, even with no network.</source>
        <translation>Fang mulige opgaver, hvor de opstår, også uden netværk.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="37"/>
        <source>Start offline</source>
        <translation>Start offline</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="38"/>
        <source>Everything works on this device; connect to a server whenever you like.</source>
        <translation>Alt virker på denne enhed; forbind til en server, når du vil.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="39"/>
        <source>Your name</source>
        <translation>Dit navn</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="41"/>
        <source>Start working offline</source>
        <translation>Begynd at arbejde offline</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="55"/>
        <source>Sign in to your firm&apos;s server</source>
        <translation>Log ind på firmaets server</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="57"/>
        <source>Your admin gives you a code - or your other device does, in Settings, Add another device. A fika:// link fills in both fields.</source>
        <translation>Din administrator giver dig en kode – eller din anden enhed gør, under Indstillinger, Tilføj en enhed mere. Et fika://-link udfylder begge felter.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="74"/>
        <source>Code, e.g. K7QH-2MWP-9XRT</source>
        <translation>Kode, f.eks. K7QH-2MWP-9XRT</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="84"/>
        <source>To sign in: enter the server&apos;s address, or paste a fika:// link.</source>
        <translation>For at logge ind: skriv serverens adresse, eller indsæt et fika://-link.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="85"/>
        <source>To sign in: enter the code your administrator gave you.</source>
        <translation>For at logge ind: skriv koden, du fik af din administrator.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="92"/>
        <source>Sign in</source>
        <translation>Log ind</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="97"/>
        <source>Signing in…</source>
        <translation>Logger ind…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="65"/>
        <source>Server address, e.g. https://fika.example.com</source>
        <translation>Serveradresse, f.eks. https://fika.example.com</translation>
    </message>
</context>
<context>
    <name>fika::app::AppContext</name>
    <message>
        <location filename="../appcontext.cpp" line="208"/>
        <source>Me</source>
        <translation>Mig</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="220"/>
        <location filename="../appcontext.cpp" line="338"/>
        <source>The server address starts with http:// or https://</source>
        <translation>Serveradressen starter med http:// eller https://</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="224"/>
        <source>Paste the token your admin gave you</source>
        <translation>Indsæt det token, din administrator gav dig</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="255"/>
        <source>Your firm requires the app to lock itself after at most %1 idle minutes</source>
        <translation>Din virksomhed kræver, at appen låser sig efter højst %1 minutter uden aktivitet</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="261"/>
        <source>The PIN or passphrase needs at least 4 characters</source>
        <translation>PIN-koden eller adgangssætningen skal have mindst 4 tegn</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="262"/>
        <source>The two differ</source>
        <translation>De to er forskellige</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="321"/>
        <source>This device&apos;s data was deleted</source>
        <translation>Enhedens data blev slettet</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="341"/>
        <source>Enter the code your admin gave you</source>
        <translation>Indtast koden, du fik af din administrator</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="348"/>
        <source>A code has 12 letters and digits, like K7QH-2MWP-9XRT</source>
        <translation>En kode har 12 bogstaver og cifre, som K7QH-2MWP-9XRT</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="38"/>
        <source>Unknown field %1</source>
        <translation>Ukendt felt %1</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="57"/>
        <location filename="../appcontext_labels.cpp" line="140"/>
        <source>%1 must be a positive amount</source>
        <translation>%1 skal være et positivt beløb</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="58"/>
        <source>%1 is not a number</source>
        <translation>%1 er ikke et tal</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="74"/>
        <source>The period ends before it starts</source>
        <translation>Perioden slutter, før den begynder</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="85"/>
        <location filename="../appcontext_writes.cpp" line="100"/>
        <location filename="../appcontext_files.cpp" line="100"/>
        <source>Unknown kind %1</source>
        <translation>Ukendt type %1</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="118"/>
        <source>No such case</source>
        <translation>Sagen findes ikke</translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="54"/>
        <location filename="../appcontext_files.cpp" line="82"/>
        <source>There is no folder to export to</source>
        <translation>Der er ingen mappe at eksportere til</translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="57"/>
        <source>Could not write %1</source>
        <translation>Kunne ikke skrive %1</translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="41"/>
        <source>Same e-mail</source>
        <translation>Samme e-mail</translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="41"/>
        <source>Same phone</source>
        <translation>Samme telefon</translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="41"/>
        <source>Same name</source>
        <translation>Samme navn</translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="85"/>
        <source>Could not create %1</source>
        <translation>Kunne ikke oprette %1</translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="96"/>
        <source>Choose a CSV file</source>
        <translation>Vælg en CSV-fil</translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="106"/>
        <source>line %1: %2</source>
        <translation>linje %1: %2</translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="113"/>
        <source>%1: %2 added, %3 updated, %4 unchanged</source>
        <translation>%1: %2 tilføjet, %3 opdateret, %4 uændret</translation>
    </message>
    <message numerus="yes">
        <location filename="../appcontext_files.cpp" line="118"/>
        <source>%Ln row(s) skipped:</source>
        <translation>
            <numerusform>%Ln række sprunget over:</numerusform>
            <numerusform>%Ln rækker sprunget over:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="174"/>
        <source>Write one sentence about what they need</source>
        <translation>Skriv én sætning om, hvad de har brug for</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="176"/>
        <location filename="../appcontext_writes.cpp" line="262"/>
        <source>Which customer?</source>
        <translation>Hvilken kunde?</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="179"/>
        <source>%1 is not an amount</source>
        <translation>%1 er ikke et beløb</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="206"/>
        <source>That person is not one of this customer&apos;s people</source>
        <translation>Den person hører ikke til denne kunde</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="234"/>
        <source>Only the last capture can be taken back</source>
        <translation>Kun den seneste registrering kan fortrydes</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="270"/>
        <source>That case belongs to another customer</source>
        <translation>Den sag hører til en anden kunde</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="277"/>
        <source>Possible case at %1</source>
        <translation>Mulig sag hos %1</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="307"/>
        <source>Connect to a server first</source>
        <translation>Forbind til en server først</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="313"/>
        <source>Unknown stage %1</source>
        <translation>Ukendt fase %1</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="327"/>
        <source>There is no move of this case to take back</source>
        <translation>Der er ingen flytning af sagen at fortryde</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="330"/>
        <source>The case has moved on since; move it back by hand if you want to</source>
        <translation>Sagen er flyttet videre siden; flyt den tilbage i hånden, hvis du vil</translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="191"/>
        <source>Inbound only: we have promised not to sell actively here. Log what they ask for; do not pitch.</source>
        <translation>Kun indgående: vi har lovet ikke at sælge aktivt her. Log hvad de spørger om; sælg ikke.</translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="193"/>
        <source>Blocked: we do not work for this customer because of a competitor promise. Talk to a seller first.</source>
        <translation>Spærret: vi arbejder ikke for denne kunde på grund af et løfte til en konkurrent. Tal med en sælger først.</translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="205"/>
        <source>%1 is an active customer in the competitor group &quot;%2&quot;: a seller will be told.</source>
        <translation>%1 er en aktiv kunde i konkurrentgruppen »%2«: en sælger får besked.</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="29"/>
        <source>Need:

Pain:

Timing:

Who decides:

Budget:
</source>
        <translation>Behov:

Smerte:

Tidspunkt:

Hvem beslutter:

Budget:
</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="46"/>
        <source>Spotted</source>
        <translation>Spottet</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="47"/>
        <source>Qualified</source>
        <translation>Kvalificeret</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="48"/>
        <location filename="../appcontext_labels.cpp" line="68"/>
        <source>Meeting</source>
        <translation>Møde</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="49"/>
        <location filename="../appcontext_labels.cpp" line="70"/>
        <source>Offer</source>
        <translation>Tilbud</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="50"/>
        <source>Negotiation</source>
        <translation>Forhandling</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="51"/>
        <location filename="../appcontext_labels.cpp" line="71"/>
        <location filename="../models/numbers.cpp" line="91"/>
        <source>Won</source>
        <translation>Vundet</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="52"/>
        <location filename="../appcontext_labels.cpp" line="72"/>
        <source>Lost</source>
        <translation>Tabt</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="59"/>
        <source>Decision maker</source>
        <translation>Beslutningstager</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="60"/>
        <source>Project owner</source>
        <translation>Projektejer</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="61"/>
        <source>Influencer</source>
        <translation>Påvirker</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="62"/>
        <source>User</source>
        <translation>Bruger</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="63"/>
        <location filename="../appcontext_labels.cpp" line="73"/>
        <source>Other</source>
        <translation>Andet</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="67"/>
        <source>Conversation</source>
        <translation>Samtale</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="69"/>
        <source>Phone meeting</source>
        <translation>Telefonmøde</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="77"/>
        <source>open</source>
        <translation>åben</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="78"/>
        <source>planned</source>
        <translation>planlagt</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="79"/>
        <source>done</source>
        <translation>færdig</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="80"/>
        <source>cancelled</source>
        <translation>annulleret</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="85"/>
        <source>Passive</source>
        <translation>Passiv</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="86"/>
        <source>Neutral</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="87"/>
        <source>Direct</source>
        <translation>Direkte</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="92"/>
        <source>Consultant</source>
        <translation>Konsulent</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="93"/>
        <source>Seller</source>
        <translation>Sælger</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="94"/>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="99"/>
        <source>Title (role)</source>
        <translation>Titel (rolle)</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="99"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="100"/>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="101"/>
        <source>Value</source>
        <translation>Værdi</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="102"/>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="103"/>
        <source>Probability %</source>
        <translation>Sandsynlighed %</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="104"/>
        <source>Follow up</source>
        <translation>Følg op</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="105"/>
        <source>Next step</source>
        <translation>Næste skridt</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="106"/>
        <source>Need</source>
        <translation>Behov</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="107"/>
        <source>Why it was lost</source>
        <translation>Hvorfor den blev tabt</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="108"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="109"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="110"/>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="111"/>
        <source>Due</source>
        <translation>Forfalder</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="112"/>
        <source>Summary</source>
        <translation>Resumé</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="114"/>
        <source>Outcome</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="115"/>
        <source>Cost</source>
        <translation>Omkostning</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="116"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="117"/>
        <source>End</source>
        <translation>Slut</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="118"/>
        <source>Weekly target</source>
        <translation>Ugemål</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="119"/>
        <source>Yearly revenue</source>
        <translation>Årlig omsætning</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="120"/>
        <source>Competitor group</source>
        <translation>Konkurrentgruppe</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="121"/>
        <source>Stage</source>
        <translation>Trin</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="122"/>
        <source>Owner</source>
        <translation>Ansvarlig</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="123"/>
        <source>Found by</source>
        <translation>Fundet af</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="124"/>
        <source>Policy</source>
        <translation>Politik</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="125"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="126"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="127"/>
        <source>Industry</source>
        <translation>Branche</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="138"/>
        <source>%1 is required</source>
        <translation>%1 skal udfyldes</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="141"/>
        <source>%1 must be between %2 and %3</source>
        <translation>%1 skal være mellem %2 og %3</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="144"/>
        <source>%1 is too long (at most %2 characters)</source>
        <translation>%1 er for lang (højst %2 tegn)</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="145"/>
        <source>%1: choose one of the offered values</source>
        <translation>%1: vælg en af de tilbudte værdier</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="146"/>
        <source>%1 cannot be changed once the record is created</source>
        <translation>%1 kan ikke ændres, når posten først er oprettet</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="147"/>
        <source>This record was erased at a person&apos;s request: it cannot be changed</source>
        <translation>Posten blev slettet på en persons anmodning: den kan ikke ændres</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="148"/>
        <source>%1 is not valid here</source>
        <translation>%1 er ikke gyldig her</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="152"/>
        <source>The local database could not be read or written (%1). Nothing was lost; try again, or free some disk space</source>
        <translation>Den lokale database kunne ikke læses eller skrives (%1). Intet gik tabt; prøv igen, eller frigør diskplads</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="154"/>
        <source>The local database is busy; try again in a moment</source>
        <translation>Den lokale database er optaget; prøv igen om lidt</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="155"/>
        <source>The local database is damaged (%1)</source>
        <translation>Den lokale database er beskadiget (%1)</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="156"/>
        <source>This database was written by a newer Fika: update the app</source>
        <translation>Databasen blev skrevet af en nyere Fika: opdater appen</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="157"/>
        <source>It is not there any more (deleted, or never synced to this device)</source>
        <translation>Den findes ikke længere (slettet, eller aldrig synkroniseret til denne enhed)</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="158"/>
        <source>That is too large to save</source>
        <translation>Det er for stort til at gemme</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="164"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="165"/>
        <source>inbound only</source>
        <translation>kun indgående</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="166"/>
        <source>blocked</source>
        <translation>spærret</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="172"/>
        <source>inbound-only customer: no active selling</source>
        <translation>kunde med kun indgående: intet aktivt salg</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="173"/>
        <source>blocked customer</source>
        <translation>spærret kunde</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="174"/>
        <source>competitor of %1 (group %2)</source>
        <translation>konkurrent til %1 (gruppe %2)</translation>
    </message>
    <message>
        <location filename="../models/record_list_model.cpp" line="228"/>
        <source>not met yet</source>
        <translation>ikke mødt endnu</translation>
    </message>
    <message>
        <location filename="../models/record_list_model.cpp" line="234"/>
        <location filename="../models/case_history_model.cpp" line="93"/>
        <source> (inbound)</source>
        <translation> (indgående)</translation>
    </message>
    <message>
        <location filename="../models/record_list_model.cpp" line="239"/>
        <location filename="../models/case_history_model.cpp" line="111"/>
        <source>Needs analysis</source>
        <translation>Behovsanalyse</translation>
    </message>
    <message>
        <location filename="../models/record_list_model.cpp" line="247"/>
        <location filename="../models/case_history_model.cpp" line="74"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../models/record_list_model.cpp" line="248"/>
        <source>by %1</source>
        <translation>senest %1</translation>
    </message>
    <message>
        <location filename="../models/inbox_model.cpp" line="60"/>
        <source>New case: %1</source>
        <translation>Ny sag: %1</translation>
    </message>
    <message>
        <location filename="../models/inbox_model.cpp" line="61"/>
        <source>New customer in a competitor group</source>
        <translation>Ny kunde i en konkurrentgruppe</translation>
    </message>
    <message>
        <location filename="../models/inbox_model.cpp" line="62"/>
        <source>Outbound work on a restricted customer</source>
        <translation>Udgående arbejde hos en begrænset kunde</translation>
    </message>
    <message>
        <location filename="../models/inbox_model.cpp" line="65"/>
        <source>found by %1</source>
        <translation>fundet af %1</translation>
    </message>
    <message>
        <location filename="../models/team_model.cpp" line="68"/>
        <source>(unknown)</source>
        <translation>(ukendt)</translation>
    </message>
    <message>
        <location filename="../models/team_model.cpp" line="70"/>
        <source>Conversations: %1 · Meetings: %2 · Offers: %3 · Won: %4</source>
        <translation>Samtaler: %1 · Møder: %2 · Tilbud: %3 · Vundne: %4</translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="73"/>
        <source>Captured as %1</source>
        <translation>Fanget som %1</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="113"/>
        <location filename="../models/case_history_model.cpp" line="111"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="127"/>
        <source>Photo attached</source>
        <translation>Foto vedhæftet</translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="127"/>
        <source>File attached</source>
        <translation>Fil vedhæftet</translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="139"/>
        <source>Captured</source>
        <translation>Fanget</translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="151"/>
        <source>In %1 since today</source>
        <translation>I %1 siden i dag</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/case_history_model.cpp" line="152"/>
        <source>In %1 for %Ln day(s)</source>
        <translation>
            <numerusform>I %1 i %Ln dag</numerusform>
            <numerusform>I %1 i %Ln dage</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="41"/>
        <source>(unnamed)</source>
        <translation>(uden navn)</translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="46"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="48"/>
        <source>from %1</source>
        <translation>fra %1</translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="50"/>
        <source>until %1</source>
        <translation>til %1</translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="55"/>
        <source>%1 × the cost</source>
        <translation>%1 × omkostningen</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/programmes_model.cpp" line="56"/>
        <source>%Ln case(s) identified</source>
        <translation>
            <numerusform>%Ln sag identificeret</numerusform>
            <numerusform>%Ln sager identificeret</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="57"/>
        <source>%1 won · %2 lost</source>
        <translation>%1 vundet · %2 tabt</translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="59"/>
        <source>%1 conversations → %2 meetings → %3 offers → %4 won</source>
        <translation>%1 samtaler → %2 møder → %3 tilbud → %4 vundet</translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="88"/>
        <source>Conversations</source>
        <translation>Samtaler</translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="89"/>
        <source>Meetings</source>
        <translation>Møder</translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="89"/>
        <source>%1 of conversations</source>
        <translation>%1 af samtalerne</translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="90"/>
        <source>Offers</source>
        <translation>Tilbud</translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="90"/>
        <source>%1 of meetings</source>
        <translation>%1 af møderne</translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="91"/>
        <source>%1 of offers</source>
        <translation>%1 af tilbuddene</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="59"/>
        <source>Case: %1</source>
        <translation>Sag: %1</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="60"/>
        <source>Person: %1</source>
        <translation>Person: %1</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="63"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="65"/>
        <source>Note: %1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="119"/>
        <source>Not sent: %1</source>
        <translation>Ikke sendt: %1</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="122"/>
        <source>Waiting to be sent</source>
        <translation>Venter på at blive sendt</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="123"/>
        <source>Sending: %1 %</source>
        <translation>Sender: %1 %</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="128"/>
        <source>Partly downloaded (%1 %)</source>
        <translation>Delvist hentet (%1 %)</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="131"/>
        <source>Not downloaded yet</source>
        <translation>Ikke hentet endnu</translation>
    </message>
</context>
<context>
    <name>fika::app::Attachments</name>
    <message>
        <location filename="../app_attachments.cpp" line="322"/>
        <source>Choose a file to attach</source>
        <translation>Vælg en fil at vedhæfte</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="323"/>
        <location filename="../app_attachments.cpp" line="385"/>
        <source>Files cannot be attached here</source>
        <translation>Filer kan ikke vedhæftes her</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="330"/>
        <source>%1 does not exist</source>
        <translation>%1 findes ikke</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="331"/>
        <source>%1 is a folder: attach the files in it</source>
        <translation>%1 er en mappe: vedhæft filerne i den</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="332"/>
        <source>%1 cannot be read</source>
        <translation>%1 kan ikke læses</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="334"/>
        <location filename="../app_attachments.cpp" line="450"/>
        <source>%1 is this app&apos;s own database</source>
        <translation>%1 er appens egen database</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="338"/>
        <source>%1 has %2; a file may have at most %3 (Settings): nothing was stored</source>
        <translation>%1 fylder %2; en fil må højst fylde %3 (Indstillinger): intet blev gemt</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="371"/>
        <source>Pasted image %1</source>
        <translation>Indsat billede %1</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="378"/>
        <source>The clipboard holds no image or file</source>
        <translation>Udklipsholderen indeholder intet billede eller nogen fil</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="384"/>
        <source>The image cannot be read</source>
        <translation>Billedet kan ikke læses</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="421"/>
        <location filename="../app_attachments.cpp" line="437"/>
        <source>No such file</source>
        <translation>Filen findes ikke</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="439"/>
        <source>There is no folder to open files from</source>
        <translation>Der er ingen mappe at åbne filer fra</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="448"/>
        <source>Choose where to save the file</source>
        <translation>Vælg hvor filen skal gemmes</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="482"/>
        <source>No program on this device opens %1</source>
        <translation>Intet program på denne enhed åbner %1</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="490"/>
        <source>A file needs a name</source>
        <translation>En fil skal have et navn</translation>
    </message>
</context>
<context>
    <name>fika::app::DesktopNotifier</name>
    <message numerus="yes">
        <location filename="../notifier.cpp" line="28"/>
        <source>Fika: %n unread in the inbox</source>
        <translation>
            <numerusform>Fika: %n ulæst i indbakken</numerusform>
            <numerusform>Fika: %n ulæste i indbakken</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../notifier.cpp" line="64"/>
        <source>Open</source>
        <translation>Åbn</translation>
    </message>
    <message>
        <location filename="../notifier.cpp" line="66"/>
        <source>Snooze for an hour</source>
        <translation>Påmind igen om en time</translation>
    </message>
    <message>
        <location filename="../notifier.cpp" line="67"/>
        <source>Snooze all for an hour</source>
        <translation>Påmind om alle igen om en time</translation>
    </message>
    <message>
        <location filename="../notifier.cpp" line="69"/>
        <source>Done</source>
        <translation>Færdig</translation>
    </message>
</context>
<context>
    <name>fika::app::DeviceLock</name>
    <message>
        <location filename="../devicelock.cpp" line="79"/>
        <source>That is not this device&apos;s passphrase</source>
        <translation>Det er ikke denne enheds adgangssætning</translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="80"/>
        <source>The database cannot be opened: %1</source>
        <translation>Databasen kan ikke åbnes: %1</translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="100"/>
        <source>This device&apos;s database could not be encrypted: %1</source>
        <translation>Enhedens database kunne ikke krypteres: %1</translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="124"/>
        <source>This device&apos;s database is encrypted, but its vault (%1), which holds its key, is missing. Put the vault back beside the database, or start over: what was synced is safe on the server.</source>
        <translation>Enhedens database er krypteret, men dens boks (%1), som rummer nøglen, mangler. Læg boksen tilbage ved siden af databasen, eller start forfra: det, der er synkroniseret, er sikkert på serveren.</translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="148"/>
        <source>Type this device&apos;s passphrase</source>
        <translation>Skriv enhedens adgangssætning</translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="154"/>
        <source>The passphrase needs at least 8 characters</source>
        <translation>Adgangssætningen skal have mindst 8 tegn</translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="158"/>
        <source>The two passphrases differ</source>
        <translation>De to adgangssætninger er forskellige</translation>
    </message>
</context>
<context>
    <name>fika::app::FileWorker</name>
    <message>
        <location filename="../app_attachments.cpp" line="94"/>
        <location filename="../app_attachments.cpp" line="141"/>
        <source>The local database could not be opened</source>
        <translation>Den lokale database kunne ikke åbnes</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="118"/>
        <source>Cannot read %1</source>
        <translation>Kan ikke læse %1</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="144"/>
        <source>Could not write %1 (is the disk full?)</source>
        <translation>Kunne ikke skrive %1 (er disken fuld?)</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="190"/>
        <source>%1 is larger than %2, the most a file may have (Settings): nothing was stored</source>
        <translation>%1 er større end %2, det meste en fil må fylde (Indstillinger): intet blev gemt</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="192"/>
        <source>The record %1 was to go on is gone or in the trash</source>
        <translation>Posten som %1 skulle vedhæftes er væk eller i papirkurven</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="193"/>
        <source>%1 could not be stored: %2</source>
        <translation>%1 kunne ikke gemmes: %2</translation>
    </message>
</context>
<context>
    <name>fika::app::Reminders</name>
    <message>
        <location filename="../reminders.cpp" line="128"/>
        <source>Follow-up due: %1</source>
        <translation>Tid til opfølgning: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../reminders.cpp" line="133"/>
        <source>%n follow-up(s) due</source>
        <translation>
            <numerusform>%n opfølgning der skal gøres</numerusform>
            <numerusform>%n opfølgninger der skal gøres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fika::app::SyncController</name>
    <message>
        <location filename="../synccontroller.cpp" line="364"/>
        <source>An admin signed this device out; everything on it was sent first</source>
        <translation>En administrator loggede denne enhed ud; alt på den blev sendt først</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="372"/>
        <source>The local database is damaged: export what you can (Settings), then ask your admin</source>
        <translation>Den lokale database er beskadiget: eksportér det, der kan reddes (Indstillinger), og kontakt derefter din administrator</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="427"/>
        <source>Enter one e-mail address, like name@example.com</source>
        <translation>Skriv én e-mailadresse, for eksempel navn@eksempel.dk</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="428"/>
        <source>Enter the address the mail should go to</source>
        <translation>Skriv adressen, mailen skal sendes til</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="464"/>
        <source>Local database damaged</source>
        <translation>Lokal database beskadiget</translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="465"/>
        <source>Offline · %Ln change(s) kept on this device</source>
        <translation>
            <numerusform>Offline · %Ln ændring gemt på enheden</numerusform>
            <numerusform>Offline · %Ln ændringer gemt på enheden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="465"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="467"/>
        <source>Sign in again</source>
        <translation>Log ind igen</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="468"/>
        <source>Sync failed</source>
        <translation>Synkronisering mislykkedes</translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="469"/>
        <source>%Ln conflict(s) to review</source>
        <translation>
            <numerusform>%Ln konflikt at gennemgå</numerusform>
            <numerusform>%Ln konflikter at gennemgå</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="470"/>
        <source>%Ln change(s) refused</source>
        <translation>
            <numerusform>%Ln ændring afvist</numerusform>
            <numerusform>%Ln ændringer afvist</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="472"/>
        <source>Syncing…</source>
        <translation>Synkroniserer…</translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="473"/>
        <source>Offline · %Ln change(s) waiting</source>
        <translation>
            <numerusform>Offline · %Ln ændring venter</numerusform>
            <numerusform>Offline · %Ln ændringer venter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="474"/>
        <source>%Ln change(s) waiting</source>
        <translation>
            <numerusform>%Ln ændring venter</numerusform>
            <numerusform>%Ln ændringer venter</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="475"/>
        <source>Synced at %1</source>
        <translation>Synkroniseret %1</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="552"/>
        <source>There is no server to send them to</source>
        <translation>Der er ingen server at sende dem til</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="554"/>
        <location filename="../synccontroller.cpp" line="595"/>
        <source>You signed out</source>
        <translation>Du loggede ud</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="565"/>
        <source>Sending %1 of %2 records</source>
        <translation>Sender %1 af %2 poster</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="566"/>
        <source>Receiving %1 of %2 records</source>
        <translation>Modtager %1 af %2 poster</translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="570"/>
        <source>about %n s left</source>
        <translation>
            <numerusform>cirka %n s tilbage</numerusform>
            <numerusform>cirka %n s tilbage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="570"/>
        <source>about %n min left</source>
        <translation>
            <numerusform>cirka %n min tilbage</numerusform>
            <numerusform>cirka %n min tilbage</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="587"/>
        <source>An admin wiped this device</source>
        <translation>En administrator har ryddet denne enhed</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="598"/>
        <source>The server did not take them all</source>
        <translation>Serveren modtog ikke dem alle</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="693"/>
        <source>%1 at %2, found by %3</source>
        <translation>%1 hos %2, fundet af %3</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="696"/>
        <source>New case</source>
        <translation>Ny sag</translation>
    </message>
</context>
<context>
    <name>fika::app::SyncWorker</name>
    <message>
        <location filename="../synccontroller.cpp" line="97"/>
        <location filename="../synccontroller.cpp" line="156"/>
        <location filename="../synccontroller.cpp" line="172"/>
        <location filename="../synccontroller.cpp" line="210"/>
        <location filename="../synccontroller.cpp" line="229"/>
        <location filename="../synccontroller.cpp" line="260"/>
        <source>The local database could not be opened</source>
        <translation>Den lokale database kunne ikke åbnes</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="98"/>
        <source>The local database is damaged</source>
        <translation>Den lokale database er beskadiget</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="180"/>
        <source>The server does not accept this token</source>
        <translation>Serveren accepterer ikke dette token</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="166"/>
        <location filename="../synccontroller.cpp" line="181"/>
        <location filename="../synccontroller.cpp" line="220"/>
        <location filename="../synccontroller.cpp" line="235"/>
        <location filename="../synccontroller.cpp" line="266"/>
        <source>Cannot reach the server: %1</source>
        <translation>Kan ikke nå serveren: %1</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="159"/>
        <source>This file is not on this device, and the device is not connected to a server</source>
        <translation>Filen er ikke på denne enhed, og enheden er ikke forbundet til en server</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="164"/>
        <source>The device it was attached on has not sent this file yet</source>
        <translation>Enheden den blev vedhæftet på har ikke sendt filen endnu</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="165"/>
        <source>The server does not have this file for you</source>
        <translation>Serveren har ikke denne fil til dig</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="191"/>
        <source>This token is %1&apos;s, but changes by %2 are waiting on this device. Ask your admin for a new token for %2.</source>
        <translation>Denne token tilhører %1, men ændringer fra %2 venter på enheden. Bed din administrator om en ny token til %2.</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="196"/>
        <source>The token could not be saved in this device&apos;s vault</source>
        <translation>Tokenet kunne ikke gemmes i enhedens boks</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="217"/>
        <source>The server does not know this code, or it was used or has expired. Ask for a new one.</source>
        <translation>Serveren kender ikke koden, eller den er allerede brugt eller udløbet. Bed om en ny.</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="218"/>
        <source>The server refuses to sign this device in: %1</source>
        <translation>Serveren nægter at logge denne enhed ind: %1</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="219"/>
        <source>Too many tries: wait a minute and try again</source>
        <translation>For mange forsøg: vent et minut og prøv igen</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="221"/>
        <source>The server could not sign this device in: %1</source>
        <translation>Serveren kunne ikke logge denne enhed ind: %1</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="231"/>
        <location filename="../synccontroller.cpp" line="262"/>
        <source>This device is not connected to a server</source>
        <translation>Denne enhed er ikke forbundet til en server</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="272"/>
        <source>wiped</source>
        <translation>slettet</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="273"/>
        <source>signed out</source>
        <translation>logget ud</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="274"/>
        <source>signing out</source>
        <translation>logges ud</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="275"/>
        <source>signed out by an admin</source>
        <translation>logget ud af en administrator</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="279"/>
        <source>A device signed in with your token</source>
        <translation>En enhed logget ind med dit token</translation>
    </message>
</context>
</TS>
