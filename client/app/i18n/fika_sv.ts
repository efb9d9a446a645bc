<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>AccountEditPage</name>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="13"/>
        <source>New customer</source>
        <translation>Ny kund</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="13"/>
        <source>Edit customer</source>
        <translation>Redigera kund</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="23"/>
        <source>Name (required)</source>
        <translation>Namn (obligatoriskt)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="24"/>
        <source>Org number (CVR / org.nr)</source>
        <translation>Organisationsnummer (org.nr / CVR)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="25"/>
        <source>Industry</source>
        <translation>Bransch</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="26"/>
        <source>Competitor group (e.g. banks)</source>
        <translation>Konkurrentgrupp (t.ex. banker)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="33"/>
        <source>Policy</source>
        <translation>Policy</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="36"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="36"/>
        <source>Inbound only</source>
        <translation>Endast inkommande</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="36"/>
        <source>Blocked</source>
        <translation>Spärrad</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="44"/>
        <source>Owner (seller)</source>
        <translation>Ansvarig (säljare)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="50"/>
        <source>No owner</source>
        <translation>Ingen ansvarig</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="63"/>
        <source>Yearly revenue with us (DKK)</source>
        <translation>Årlig omsättning hos oss (DKK)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="66"/>
        <source>To save: give the customer a name.</source>
        <translation>För att spara: ge kunden ett namn.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="71"/>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
</context>
<context>
    <name>AccountPicker</name>
    <message>
        <location filename="../../../qml/components/AccountPicker.qml" line="29"/>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AccountPicker.qml" line="52"/>
        <source>A new customer “%1” will be created</source>
        <translation>En ny kund ”%1” skapas</translation>
    </message>
</context>
<context>
    <name>AttachmentsSection</name>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="17"/>
        <source>Files and photos</source>
        <translation>Filer och foton</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="43"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="59"/>
        <source>Attach</source>
        <translation>Bifoga</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="62"/>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="63"/>
        <source>Attach a file</source>
        <translation>Bifoga en fil</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="79"/>
        <source>Paste</source>
        <translation>Klistra in</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="82"/>
        <source>Paste an image</source>
        <translation>Klistra in en bild</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="83"/>
        <source>Attach the image or file on the clipboard</source>
        <translation>Bifoga bilden eller filen i urklipp</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="114"/>
        <source>Drop to attach</source>
        <translation>Släpp för att bifoga</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="114"/>
        <source>No files yet. Drop photos or files here, or paste an image.</source>
        <translation>Inga filer än. Släpp foton eller filer här, eller klistra in en bild.</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="138"/>
        <source>Open %1</source>
        <translation>Öppna %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="184"/>
        <source>More for %1</source>
        <translation>Mer för %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="188"/>
        <source>Open</source>
        <translation>Öppna</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="191"/>
        <source>Download to this device</source>
        <translation>Hämta till den här enheten</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="198"/>
        <source>Send again</source>
        <translation>Skicka igen</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="205"/>
        <source>Save a copy…</source>
        <translation>Spara en kopia…</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="208"/>
        <source>Rename…</source>
        <translation>Byt namn…</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="209"/>
        <source>Delete</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="222"/>
        <source>Downloading %1…</source>
        <translation>Hämtar %1…</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="229"/>
        <source>Attach files</source>
        <translation>Bifoga filer</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="231"/>
        <source>All files (*)</source>
        <translation>Alla filer (*)</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="231"/>
        <source>Photos (*.jpg *.jpeg *.png *.heic *.webp)</source>
        <translation>Foton (*.jpg *.jpeg *.png *.heic *.webp)</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="231"/>
        <source>Documents (*.pdf *.docx *.xlsx *.pptx *.txt)</source>
        <translation>Dokument (*.pdf *.docx *.xlsx *.pptx *.txt)</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="237"/>
        <source>Save a copy</source>
        <translation>Spara en kopia</translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="251"/>
        <source>Rename</source>
        <translation>Byt namn</translation>
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
        <translation>Ta ett foto</translation>
    </message>
    <message>
        <location filename="../../../qml/components/CameraButton.qml" line="44"/>
        <source>Photo %1</source>
        <translation>Foto %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/CameraButton.qml" line="47"/>
        <source>The camera could not take the photo: %1</source>
        <translation>Kameran kunde inte ta fotot: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/CameraButton.qml" line="66"/>
        <source>Take photo</source>
        <translation>Ta foto</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="16"/>
        <source>Case</source>
        <translation>Affär</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="78"/>
        <source>No case to show</source>
        <translation>Ingen affär att visa</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="105"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="110"/>
        <source>What is it, in one sentence</source>
        <translation>Vad gäller det, i en mening</translation>
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
        <translation>Hittat av %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="144"/>
        <source>Yours</source>
        <translation>Din</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="144"/>
        <source>No owner yet: to triage</source>
        <translation>Ingen ägare än: att sortera</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="144"/>
        <source>Owned by %1</source>
        <translation>Ägs av %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="149"/>
        <source>Take ownership</source>
        <translation>Ta ägarskap</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="154"/>
        <source>Stage</source>
        <translation>Steg</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="178"/>
        <source>Value</source>
        <translation>Värde</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="180"/>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="182"/>
        <source>Probability %</source>
        <translation>Sannolikhet %</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="184"/>
        <source>Follow up</source>
        <translation>Följ upp</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="185"/>
        <source>No follow-up</source>
        <translation>Ingen uppföljning</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="187"/>
        <source>Next step</source>
        <translation>Nästa steg</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="188"/>
        <source>What happens next, and who does it</source>
        <translation>Vad händer härnäst, och vem gör det</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="191"/>
        <source>Lost because: %1</source>
        <translation>Förlorad eftersom: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="200"/>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="207"/>
        <source>Log activity</source>
        <translation>Logga aktivitet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="210"/>
        <source>Delete</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="231"/>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="251"/>
        <source>Add a note about this case</source>
        <translation>Lägg till en anteckning om affären</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="258"/>
        <source>Add</source>
        <translation>Lägg till</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="295"/>
        <source>Nothing logged on this case yet</source>
        <translation>Inget loggat på affären än</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="13"/>
        <source>Needs your attention</source>
        <translation>Behöver din uppmärksamhet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="25"/>
        <source>Conflicts (%1)</source>
        <translation>Konflikter (%1)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="26"/>
        <source>No conflicts</source>
        <translation>Inga konflikter</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="42"/>
        <source>Yours: %1</source>
        <translation>Din: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="43"/>
        <source>Theirs (kept): %1</source>
        <translation>Deras (behålls): %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="45"/>
        <source>Keep theirs</source>
        <translation>Behåll deras</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="46"/>
        <source>Use mine</source>
        <translation>Använd min</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="51"/>
        <source>Refused by the server (%1)</source>
        <translation>Avvisade av servern (%1)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="52"/>
        <source>Nothing refused</source>
        <translation>Inget avvisat</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="71"/>
        <source>Dismiss</source>
        <translation>Släng</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="72"/>
        <source>Send again</source>
        <translation>Skicka igen</translation>
    </message>
</context>
<context>
    <name>CustomerPage</name>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="16"/>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="51"/>
        <source>competitor group: %1</source>
        <translation>konkurrentgrupp: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="52"/>
        <source>revenue %1</source>
        <translation>omsättning %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="38"/>
        <source>Duplicates</source>
        <translation>Dubbletter</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="39"/>
        <source>Edit</source>
        <translation>Redigera</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="40"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="426"/>
        <source>Delete</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="53"/>
        <source>owner %1</source>
        <translation>ansvarig %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="84"/>
        <source>More actions</source>
        <translation>Fler åtgärder</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="101"/>
        <source>People</source>
        <translation>Personer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="102"/>
        <source>Cases</source>
        <translation>Affärer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="103"/>
        <source>Activities</source>
        <translation>Aktiviteter</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="104"/>
        <source>Notes</source>
        <translation>Anteckningar</translation>
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
        <translation>Logga samtal</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="32"/>
        <source>Case</source>
        <translation>Affär</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="34"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="37"/>
        <source>Follow-up</source>
        <translation>Uppföljning</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="82"/>
        <source>More</source>
        <translation>Mer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="106"/>
        <source>Follow-ups</source>
        <translation>Uppföljningar</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="107"/>
        <source>Files</source>
        <translation>Filer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="113"/>
        <source>No people yet. Who decides? Who owns the project?</source>
        <translation>Inga personer än. Vem beslutar? Vem äger projektet?</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="114"/>
        <source>No cases yet</source>
        <translation>Inga affärer än</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="115"/>
        <source>No conversations logged yet</source>
        <translation>Inga samtal loggade än</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="115"/>
        <source>Files on this activity</source>
        <translation>Filer på den här aktiviteten</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="116"/>
        <source>No notes yet</source>
        <translation>Inga anteckningar än</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="117"/>
        <source>Nobody is planned to contact anyone here yet</source>
        <translation>Ingen är planerad att kontakta någon här än</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="118"/>
        <source>No follow-ups yet</source>
        <translation>Inga uppföljningar än</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="127"/>
        <source>Files about this customer</source>
        <translation>Filer om den här kunden</translation>
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
        <translation>Namn</translation>
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
        <translation>Vi har träffats</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="170"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="203"/>
        <source>Email</source>
        <translation>E-post</translation>
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
        <translation>Exportera vCard</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="210"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="218"/>
        <source>Saved %1</source>
        <translation>Sparade %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="214"/>
        <source>Export their data (GDPR)</source>
        <translation>Exportera personens data (GDPR)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="223"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="340"/>
        <source>Files and photos…</source>
        <translation>Filer och foton…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="227"/>
        <source>Delete person</source>
        <translation>Ta bort person</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="230"/>
        <source>Erase person…</source>
        <translation>Radera personen…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="245"/>
        <source>Possible duplicates</source>
        <translation>Möjliga dubbletter</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="255"/>
        <source>No one here looks like a duplicate.</source>
        <translation>Ingen här ser ut att vara en dubblett.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="276"/>
        <source>Merge into %1</source>
        <translation>Slå ihop med %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="281"/>
        <source>Merged into %1</source>
        <translation>Ihopslagen med %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="296"/>
        <source>Erase %1?</source>
        <translation>Radera %1?</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="305"/>
        <source>Their name, contact details and the words of every conversation, note and follow-up about them are cleared on this device now and on every device at the next sync. Cases stay. This cannot be undone.</source>
        <translation>Namn, kontaktuppgifter och texten i alla samtal, anteckningar och uppföljningar om personen raderas på den här enheten nu och på alla enheter vid nästa synkronisering. Ärenden finns kvar. Det går inte att ångra.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="311"/>
        <source>Erase</source>
        <translation>Radera</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="317"/>
        <source>%1 was erased</source>
        <translation>%1 har raderats</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="328"/>
        <source>New note</source>
        <translation>Ny anteckning</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="35"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="328"/>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="335"/>
        <source>Needs analysis template</source>
        <translation>Mall för behovsanalys</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="336"/>
        <source>What did you learn?</source>
        <translation>Vad fick du veta?</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="342"/>
        <source>Files on this note</source>
        <translation>Filer på den här anteckningen</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="356"/>
        <source>Plan who contacts whom</source>
        <translation>Planera vem som kontaktar vem</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="365"/>
        <source>Add the person first (People tab)</source>
        <translation>Lägg först till personen (fliken Personer)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="374"/>
        <source>Colleague who will make contact</source>
        <translation>Kollega som tar kontakten</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="375"/>
        <source>By date</source>
        <translation>Senast</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="395"/>
        <source>Due</source>
        <translation>Förfaller</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="385"/>
        <source>New follow-up</source>
        <translation>Ny uppföljning</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="394"/>
        <source>What to do, e.g. call Eva about the offer</source>
        <translation>Vad ska göras, t.ex. ring Eva om offerten</translation>
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
        <translation>Sök kunder</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="29"/>
        <source>New customer</source>
        <translation>Ny kund</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../qml/pages/CustomersPage.qml" line="34"/>
        <source>%Ln customer(s)</source>
        <translation>
            <numerusform>%Ln kund</numerusform>
            <numerusform>%Ln kunder</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="52"/>
        <source>No customers yet</source>
        <translation>Inga kunder än</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="52"/>
        <source>No customer matches “%1”</source>
        <translation>Ingen kund matchar ”%1”</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="53"/>
        <source>Add one with “New customer”, or capture a case and name the customer.</source>
        <translation>Lägg till en med ”Ny kund”, eller fånga en affär och ange kunden.</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="11"/>
        <location filename="../../../qml/components/DateField.qml" line="120"/>
        <source>No date</source>
        <translation>Inget datum</translation>
    </message>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="68"/>
        <source>Previous month</source>
        <translation>Föregående månad</translation>
    </message>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="81"/>
        <source>Next month</source>
        <translation>Nästa månad</translation>
    </message>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="118"/>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="119"/>
        <source>In a week</source>
        <translation>Om en vecka</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <location filename="../../../qml/components/DraftKeeper.qml" line="75"/>
        <source>What you typed here before is back (not saved yet).</source>
        <translation>Det du skrev här tidigare är tillbaka (inte sparat än).</translation>
    </message>
    <message>
        <location filename="../../../qml/components/DraftKeeper.qml" line="83"/>
        <source>Discard</source>
        <translation>Släng</translation>
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
        <translation>Logga ett samtal</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="51"/>
        <source>Capture a case</source>
        <translation>Fånga en affär</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="71"/>
        <source>Follow-ups due (%1)</source>
        <translation>Uppföljningar att göra (%1)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="99"/>
        <source>was due %1</source>
        <translation>förföll %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="99"/>
        <source>due today</source>
        <translation>ska göras i dag</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="100"/>
        <source>snoozed until %1</source>
        <translation>snoozad till %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="119"/>
        <location filename="../../../qml/pages/HomePage.qml" line="120"/>
        <source>Snooze</source>
        <translation>Påminn senare</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="124"/>
        <source>For an hour</source>
        <translation>Om en timme</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="125"/>
        <source>Until tomorrow</source>
        <translation>I morgon</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="133"/>
        <location filename="../../../qml/pages/HomePage.qml" line="134"/>
        <source>Done</source>
        <translation>Klar</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="148"/>
        <source>This week: %1 of %2 conversations</source>
        <translation>Den här veckan: %1 av %2 samtal</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="159"/>
        <source>The most conversations win.</source>
        <translation>Flest samtal vinner.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="172"/>
        <source>Talking points (%1)</source>
        <translation>Samtalsstöd (%1)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="186"/>
        <source>To triage (%1)</source>
        <translation>Att sortera (%1)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="201"/>
        <source>Show %1 more</source>
        <translation>Visa %1 till</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="208"/>
        <source>Nothing waiting</source>
        <translation>Inget väntar</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="209"/>
        <source>New cases show up here until someone takes them.</source>
        <translation>Nya affärer visas här tills någon tar dem.</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="14"/>
        <source>Inbox</source>
        <translation>Inkorg</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="40"/>
        <source>Unread only</source>
        <translation>Bara olästa</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="49"/>
        <source>Every kind</source>
        <translation>Alla slag</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="49"/>
        <source>New cases</source>
        <translation>Nya ärenden</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="50"/>
        <source>Competitor groups</source>
        <translation>Konkurrentgrupper</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="51"/>
        <source>Restricted customers</source>
        <translation>Begränsade kunder</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="56"/>
        <source>Mark all read</source>
        <translation>Markera alla som lästa</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="119"/>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="128"/>
        <source>Contact: %1</source>
        <translation>Kontakt: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="138"/>
        <source>Take it</source>
        <translation>Ta det</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="144"/>
        <source>Yours</source>
        <translation>Din</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="155"/>
        <source>No new cases yet</source>
        <translation>Inga nya affärer än</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="155"/>
        <source>Nothing here with these filters</source>
        <translation>Inget här med de här filtren</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="156"/>
        <source>Connect to a server to receive cases from the field.</source>
        <translation>Anslut till en server för att ta emot affärer från fältet.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="156"/>
        <source>They appear here the moment a consultant syncs.</source>
        <translation>De dyker upp här så fort en konsult synkar.</translation>
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
        <translation>Skydda den här enheten</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="47"/>
        <source>This device&apos;s data cannot be opened</source>
        <translation>Den här enhetens data kan inte öppnas</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="48"/>
        <source>Unlock Fika</source>
        <translation>Lås upp Fika</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="57"/>
        <source>Fika encrypts what it keeps on this device. This computer has no keyring to hold the key, so choose a passphrase: you type it when Fika starts. Without it the data on this device cannot be read - by anyone; what has been synced stays safe on the server.</source>
        <translation>Fika krypterar det som sparas på den här enheten. Datorn har ingen nyckelring som kan hålla nyckeln, så välj en lösenfras: du skriver den när Fika startar. Utan den kan ingen läsa data på den här enheten; det som har synkats finns kvar tryggt på servern.</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="59"/>
        <source>What Fika keeps on this device is encrypted. Type this device&apos;s passphrase.</source>
        <translation>Det Fika sparar på den här enheten är krypterat. Skriv enhetens lösenfras.</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="69"/>
        <source>New passphrase (at least 8 characters)</source>
        <translation>Ny lösenfras (minst 8 tecken)</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="69"/>
        <source>Passphrase</source>
        <translation>Lösenfras</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="80"/>
        <source>The same again</source>
        <translation>Samma en gång till</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="97"/>
        <source>Encrypt and start</source>
        <translation>Kryptera och starta</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="97"/>
        <source>Unlock</source>
        <translation>Lås upp</translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="105"/>
        <source>Quit</source>
        <translation>Avsluta</translation>
    </message>
</context>
<context>
    <name>LogActivityPage</name>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="17"/>
        <source>Log a conversation</source>
        <translation>Logga ett samtal</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="17"/>
        <source>Log on a case</source>
        <translation>Logga på en affär</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="72"/>
        <source>On the case “%1”</source>
        <translation>På affären ”%1”</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="97"/>
        <source>(nobody in particular)</source>
        <translation>(ingen särskild)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="121"/>
        <source>They contacted us (inbound)</source>
        <translation>De kontaktade oss (inkommande)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="125"/>
        <source>Note (optional): coffee chat with Eva about…</source>
        <translation>Anteckning (valfri): fikasnack med Eva om…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="132"/>
        <source>There may be a case here</source>
        <translation>Det kan finnas en affär här</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="141"/>
        <source>Talking points</source>
        <translation>Samtalsstöd</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="151"/>
        <source>To save: choose the customer from the list.</source>
        <translation>För att spara: välj kunden i listan.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="156"/>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
</context>
<context>
    <name>LostReasonDialog</name>
    <message>
        <location filename="../../../qml/components/LostReasonDialog.qml" line="9"/>
        <source>Why was it lost?</source>
        <translation>Varför förlorades den?</translation>
    </message>
    <message>
        <location filename="../../../qml/components/LostReasonDialog.qml" line="22"/>
        <source>Price, timing, another vendor…</source>
        <translation>Pris, tidpunkt, annan leverantör…</translation>
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
        <translation>Hem</translation>
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
        <translation>Mina siffror</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="35"/>
        <location filename="../../../qml/Main.qml" line="251"/>
        <source>Inbox</source>
        <translation>Inkorg</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="36"/>
        <source>Trash</source>
        <translation>Papperskorg</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="37"/>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="140"/>
        <source>Back</source>
        <translation>Tillbaka</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="140"/>
        <source>Menu</source>
        <translation>Meny</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="171"/>
        <source>Capture a case</source>
        <translation>Fånga en affär</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="173"/>
        <source>Capture a case (Ctrl+N)</source>
        <translation>Fånga en affär (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="245"/>
        <source>Deleted “%1”</source>
        <translation>Tog bort ”%1”</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="241"/>
        <location filename="../../../qml/Main.qml" line="245"/>
        <source>Undo</source>
        <translation>Ångra</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="255"/>
        <source>Show</source>
        <translation>Visa</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="276"/>
        <source>working offline</source>
        <translation>arbetar offline</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="325"/>
        <source>Too many wrong tries: try again in %1 s</source>
        <translation>För många felaktiga försök: försök igen om %1 s</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="326"/>
        <source>That is not the PIN or passphrase of this app&apos;s lock</source>
        <translation>Det är inte applåsets PIN-kod eller lösenfras</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="335"/>
        <source>Fika is locked</source>
        <translation>Fika är låst</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="339"/>
        <source>PIN or passphrase</source>
        <translation>PIN-kod eller lösenfras</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="346"/>
        <source>Unlock</source>
        <translation>Lås upp</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="367"/>
        <source>Choose an app lock</source>
        <translation>Välj ett applås</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="369"/>
        <source>Your firm requires Fika to lock itself after %1 idle minutes and at every start. Choose the PIN or passphrase that opens it.</source>
        <translation>Ditt företag kräver att Fika låser sig efter %1 minuter utan aktivitet och vid varje start. Välj PIN-koden eller lösenfrasen som öppnar det.</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="373"/>
        <source>PIN or passphrase (at least 4 characters)</source>
        <translation>PIN-kod eller lösenfras (minst 4 tecken)</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="374"/>
        <source>The same again</source>
        <translation>Samma en gång till</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="376"/>
        <source>Set the app lock</source>
        <translation>Ställ in applåset</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="395"/>
        <source>This device&apos;s Fika data is deleted</source>
        <translation>Fika-data på den här enheten är raderade</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="408"/>
        <source>Everything that was synced is safe on the server. To work here again, start Fika and sign in.</source>
        <translation>Allt som har synkats finns tryggt på servern. Starta Fika och logga in för att arbeta här igen.</translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="415"/>
        <source>Quit</source>
        <translation>Avsluta</translation>
    </message>
</context>
<context>
    <name>NumbersPage</name>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="12"/>
        <source>My numbers</source>
        <translation>Mina siffror</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="29"/>
        <source>This week: %1 of %2 conversations</source>
        <translation>Den här veckan: %1 av %2 samtal</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="36"/>
        <source>Only mine</source>
        <translation>Bara mina</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="46"/>
        <source>Funnel</source>
        <translation>Tratt</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="56"/>
        <source>%1 meetings and %2 phone meetings · %3 lost</source>
        <translation>%1 möten och %2 telefonmöten · %3 förlorade</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="65"/>
        <source>won value</source>
        <translation>vunnet värde</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="71"/>
        <source>Pipeline by stage</source>
        <translation>Pipeline per steg</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="91"/>
        <source>Pipeline over time</source>
        <translation>Pipeline över tid</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="96"/>
        <source>captured</source>
        <translation>fångade</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="109"/>
        <source>Per person</source>
        <translation>Per person</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="133"/>
        <source>%1 of %2 this week</source>
        <translation>%1 av %2 denna vecka</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="177"/>
        <source>Return on the programme</source>
        <translation>Programmets avkastning</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="181"/>
        <source>Add programme</source>
        <translation>Lägg till program</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="188"/>
        <source>No programme yet. A programme&apos;s cost (training, travel, lost billable time) and period set the pipeline it found against what it cost.</source>
        <translation>Inget program än. Ett programs kostnad (utbildning, resor, förlorad debiterbar tid) och period ställer pipelinen det hittade mot vad det kostade.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="222"/>
        <source>Edit</source>
        <translation>Redigera</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="232"/>
        <source>programme cost</source>
        <translation>programmets kostnad</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="232"/>
        <source>training, travel, lost billable time</source>
        <translation>utbildning, resor, förlorad debiterbar tid</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="233"/>
        <source>identified pipeline</source>
        <translation>identifierad pipeline</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="234"/>
        <source>estimated earnings (weighted)</source>
        <translation>beräknade intäkter (viktade)</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <location filename="../../../qml/components/PersonPicker.qml" line="60"/>
        <source>Who said it (optional)</source>
        <translation>Vem sa det (valfritt)</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PersonPicker.qml" line="81"/>
        <source>Add “%1” as a new person</source>
        <translation>Lägg till ”%1” som en ny person</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PersonPicker.qml" line="88"/>
        <source>Choose who it was above, or add “%1” as a new person</source>
        <translation>Välj vem det var ovan, eller lägg till ”%1” som en ny person</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PersonPicker.qml" line="96"/>
        <source>A new person “%1” will be added</source>
        <translation>En ny person ”%1” läggs till</translation>
    </message>
</context>
<context>
    <name>PipelineBoard</name>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="23"/>
        <source>Everyone&apos;s cases</source>
        <translation>Allas affärer</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="24"/>
        <source>My cases</source>
        <translation>Mina affärer</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="25"/>
        <source>Not owned yet</source>
        <translation>Utan ägare</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="28"/>
        <source>Owned by %1</source>
        <translation>Ägs av %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="31"/>
        <source>Found by %1</source>
        <translation>Hittade av %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="47"/>
        <source>Moved “%1” to %2</source>
        <translation>Flyttade ”%1” till %2</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="75"/>
        <source>Open pipeline: %1</source>
        <translation>Öppen pipeline: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="76"/>
        <location filename="../../../qml/components/PipelineBoard.qml" line="159"/>
        <source>weighted %1</source>
        <translation>viktat %1</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="77"/>
        <source>Show</source>
        <translation>Visa</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="86"/>
        <source>Whose cases the board shows</source>
        <translation>Vems affärer tavlan visar</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="182"/>
        <source>No cases</source>
        <translation>Inga affärer</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="220"/>
        <source>Ctrl+Left or Ctrl+Right moves it to the stage before or after</source>
        <translation>Ctrl+vänster eller Ctrl+höger flyttar den till steget före eller efter</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="223"/>
        <source>Ctrl+← / Ctrl+→ moves it; Enter opens it</source>
        <translation>Ctrl+← / Ctrl+→ flyttar den; Enter öppnar den</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="233"/>
        <source>(untitled)</source>
        <translation>(utan rubrik)</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="246"/>
        <source>Not owned</source>
        <translation>Ingen ägare</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../qml/components/PipelineBoard.qml" line="256"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln dag</numerusform>
            <numerusform>%Ln dagar</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="291"/>
        <source>Move to…</source>
        <translation>Flytta till…</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="297"/>
        <source>Move to</source>
        <translation>Flytta till</translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="303"/>
        <source>Move to %1</source>
        <translation>Flytta till %1</translation>
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
        <translation>Öppen pipeline: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/PipelinePage.qml" line="39"/>
        <source>weighted %1</source>
        <translation>viktat %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../qml/pages/PipelinePage.qml" line="65"/>
        <source>%Ln case(s)</source>
        <translation>
            <numerusform>%Ln affär</numerusform>
            <numerusform>%Ln affärer</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../qml/pages/PipelinePage.qml" line="89"/>
        <source>No cases yet. Cases captured in the field arrive here.</source>
        <translation>Inga affärer än. Affärer som fångas ute hos kunderna hamnar här.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/PipelinePage.qml" line="89"/>
        <source>Choose a stage to see its cases</source>
        <translation>Välj ett steg för att se dess affärer</translation>
    </message>
</context>
<context>
    <name>ProgrammeEditPage</name>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="14"/>
        <source>New programme</source>
        <translation>Nytt program</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="14"/>
        <source>Edit programme</source>
        <translation>Redigera program</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="27"/>
        <source>Name (required)</source>
        <translation>Namn (obligatoriskt)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="33"/>
        <source>Cost: training, travel, lost billable time</source>
        <translation>Kostnad: utbildning, resor, förlorad debiterbar tid</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="41"/>
        <source>Cost</source>
        <translation>Kostnad</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="52"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="60"/>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="68"/>
        <source>To</source>
        <translation>Till</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="74"/>
        <source>Cases captured in the period count as the pipeline this programme found.</source>
        <translation>Affärer som fångas under perioden räknas som pipeline som programmet hittade.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="83"/>
        <source>To save: give the programme a name.</source>
        <translation>För att spara: ge programmet ett namn.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="88"/>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="105"/>
        <source>Delete</source>
        <translation>Ta bort</translation>
    </message>
</context>
<context>
    <name>QuickCapturePage</name>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="13"/>
        <source>Capture a case</source>
        <translation>Fånga en affär</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="40"/>
        <source>Case saved</source>
        <translation>Ärendet sparat</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="121"/>
        <source>What do they need? One sentence is enough.</source>
        <translation>Vad behöver de? En mening räcker.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="144"/>
        <source>Rough value, e.g. 150k (optional)</source>
        <translation>Ungefärligt värde, t.ex. 150k (valfritt)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="154"/>
        <source>To save: name the customer.</source>
        <translation>För att spara: ange kunden.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="155"/>
        <source>To save: write what they need, one sentence is enough.</source>
        <translation>För att spara: skriv vad de behöver, en mening räcker.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="156"/>
        <source>To save: pick who said it from the list, or add them as new.</source>
        <translation>För att spara: välj vem som sa det i listan, eller lägg till personen som ny.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="161"/>
        <source>Save case</source>
        <translation>Spara affär</translation>
    </message>
</context>
<context>
    <name>RecordDelegate</name>
    <message>
        <location filename="../../../qml/components/RecordDelegate.qml" line="19"/>
        <source>(untitled)</source>
        <translation>(namnlös)</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="13"/>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="22"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="24"/>
        <source>Connected to %1 as %2</source>
        <translation>Ansluten till %1 som %2</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="24"/>
        <source>Working offline on this device</source>
        <translation>Arbetar offline på den här enheten</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="29"/>
        <source>Server address</source>
        <translation>Serveradress</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="66"/>
        <source>Connect</source>
        <translation>Anslut</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="54"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="69"/>
        <source>Connecting…</source>
        <translation>Ansluter…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="50"/>
        <source>Sign in again</source>
        <translation>Logga in igen</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="73"/>
        <source>Sync now</source>
        <translation>Synka nu</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="74"/>
        <source>Disconnect</source>
        <translation>Koppla från</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="275"/>
        <source>What Fika keeps on this device is encrypted; its key is in this computer&apos;s keyring or sealed with your passphrase.</source>
        <translation>Det Fika sparar på den här enheten är krypterat; nyckeln finns i datorns nyckelring eller är förseglad med din lösenfras.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="276"/>
        <source>What Fika keeps on this device is not encrypted.</source>
        <translation>Det Fika sparar på den här enheten är inte krypterat.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="304"/>
        <source>Sign out of this device…</source>
        <translation>Logga ut från den här enheten…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../qml/pages/SettingsPage.qml" line="328"/>
        <source>%n change(s) could not be sent (%1). Nothing is deleted: sign out when you are online, or sign out anyway and lose them.</source>
        <translation>
            <numerusform>%n ändring kunde inte skickas (%1). Inget raderas: logga ut när du är online, eller logga ut ändå och förlora den.</numerusform>
            <numerusform>%n ändringar kunde inte skickas (%1). Inget raderas: logga ut när du är online, eller logga ut ändå och förlora dem.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="329"/>
        <source>Everything not yet sent goes to the server first. Then this device&apos;s data and its token are deleted; signing in again downloads what you may see.</source>
        <translation>Allt som inte har skickats går först till servern. Sedan raderas enhetens data och dess token; loggar du in igen hämtas det du får se.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="336"/>
        <source>Sign out anyway</source>
        <translation>Logga ut ändå</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="336"/>
        <source>Sign out</source>
        <translation>Logga ut</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="340"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="177"/>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="30"/>
        <source>Code from your admin, e.g. K7QH-2MWP-9XRT</source>
        <translation>Kod från din administratör, t.ex. K7QH-2MWP-9XRT</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="40"/>
        <source>The server no longer accepts this device&apos;s sign-in (an admin signed it out, or replaced it). Enter a new code from your admin: everything on this device stays and syncs once you are signed in.</source>
        <translation>Servern godtar inte längre den här enhetens inloggning (en administratör loggade ut den eller ersatte den). Ange en ny kod från din administratör: allt på enheten finns kvar och synkas när du är inloggad.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="45"/>
        <source>New code, e.g. K7QH-2MWP-9XRT</source>
        <translation>Ny kod, t.ex. K7QH-2MWP-9XRT</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="215"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="225"/>
        <source>Remind me of follow-ups due at</source>
        <translation>Påminn mig om uppföljningar klockan</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="85"/>
        <source>E-mail about new cases</source>
        <translation>E-post om nya ärenden</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="89"/>
        <source>Your server does not send e-mail yet: ask your admin. Your choice is kept for when it does.</source>
        <translation>Din server skickar ingen e-post än: fråga din administratör. Ditt val sparas tills den gör det.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="99"/>
        <source>Your e-mail address</source>
        <translation>Din e-postadress</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="110"/>
        <source>A mail for each new case, at once</source>
        <translation>Ett mejl för varje nytt ärende, direkt</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="124"/>
        <source>One mail a day, at</source>
        <translation>Ett mejl om dagen, klockan</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="142"/>
        <source>No e-mail</source>
        <translation>Ingen e-post</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="152"/>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="167"/>
        <source>The server refused it: %1</source>
        <translation>Servern tog inte emot det: %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="168"/>
        <source>Kept: it reaches the server at the next sync</source>
        <translation>Sparat: det når servern vid nästa synkning</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="169"/>
        <source>Saved</source>
        <translation>Sparat</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="182"/>
        <source>As the system</source>
        <translation>Som systemet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="189"/>
        <source>Dark theme</source>
        <translation>Mörkt tema</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="190"/>
        <source>How I sell</source>
        <translation>Hur jag säljer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="207"/>
        <source>Conversations per week</source>
        <translation>Samtal per vecka</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="229"/>
        <source>Photos and files</source>
        <translation>Foton och filer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="235"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="244"/>
        <source>Photos are kept</source>
        <translation>Foton sparas</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="240"/>
        <source>Large (2560 pixels)</source>
        <translation>Stora (2560 pixlar)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="240"/>
        <source>Small (1280 pixels)</source>
        <translation>Små (1280 pixlar)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="241"/>
        <source>As taken</source>
        <translation>Som de togs</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="247"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="255"/>
        <source>Largest file (MB)</source>
        <translation>Största fil (MB)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="257"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="266"/>
        <source>Download files</source>
        <translation>Hämta filer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="262"/>
        <source>Small ones (up to 2 MB) at once</source>
        <translation>Små (upp till 2 MB) direkt</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="262"/>
        <source>All at once</source>
        <translation>Alla direkt</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="263"/>
        <source>Only when opened</source>
        <translation>Först när de öppnas</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="270"/>
        <source>This device</source>
        <translation>Den här enheten</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="287"/>
        <source>Add another device…</source>
        <translation>Lägg till en enhet till…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="295"/>
        <source>Your devices…</source>
        <translation>Dina enheter…</translation>
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
        <translation>Efter 1 minut utan aktivitet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="352"/>
        <source>After 5 minutes idle</source>
        <translation>Efter 5 minuter utan aktivitet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="352"/>
        <source>After 15 minutes idle</source>
        <translation>Efter 15 minuter utan aktivitet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="353"/>
        <source>After an hour idle</source>
        <translation>Efter en timme utan aktivitet</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="368"/>
        <source>PIN or passphrase (at least 4 characters)</source>
        <translation>PIN-kod eller lösenfras (minst 4 tecken)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="379"/>
        <source>The same again</source>
        <translation>Samma en gång till</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="388"/>
        <source>Set the app lock</source>
        <translation>Ställ in applåset</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="388"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="395"/>
        <source>No app lock</source>
        <translation>Inget applås</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="395"/>
        <source>Fika locks itself after %1 min without use, and at every start</source>
        <translation>Fika låser sig efter %1 min utan användning, och vid varje start</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="402"/>
        <source>Conflicts and refused changes</source>
        <translation>Konflikter och avvisade ändringar</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="404"/>
        <source>Export follow-ups to a calendar (.ics)</source>
        <translation>Exportera uppföljningar till en kalender (.ics)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="411"/>
        <source>Saved %1: open it with your calendar</source>
        <translation>Sparade %1: öppna den med din kalender</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="415"/>
        <source>Export all to CSV files</source>
        <translation>Exportera allt till CSV-filer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="422"/>
        <source>Saved in %1</source>
        <translation>Sparat i %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="427"/>
        <source>Import a CSV file…</source>
        <translation>Importera en CSV-fil…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="446"/>
        <source>Import a CSV file</source>
        <translation>Importera en CSV-fil</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="448"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="448"/>
        <source>All files (*)</source>
        <translation>Alla filer (*)</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="453"/>
        <source>Connected</source>
        <translation>Ansluten</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="464"/>
        <source>Your devices</source>
        <translation>Dina enheter</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="473"/>
        <source>Asking the server…</source>
        <translation>Frågar servern…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="483"/>
        <source>this device</source>
        <translation>den här enheten</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="490"/>
        <source>last sync %1</source>
        <translation>senast synkad %1</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="490"/>
        <source>never synced</source>
        <translation>aldrig synkad</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="500"/>
        <source>A lost device? Ask your admin to wipe it: it deletes what it holds at its next contact.</source>
        <translation>En borttappad enhet? Be din administratör radera den: den raderar allt den har vid nästa kontakt.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="514"/>
        <source>Add another device</source>
        <translation>Lägg till en enhet till</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="525"/>
        <source>Asking the server for a code…</source>
        <translation>Ber servern om en kod…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="537"/>
        <source>On your other device, open Fika and enter this server and code, or scan the QR code with its camera. The code works once, until %1.</source>
        <translation>Öppna Fika på den andra enheten och ange servern och koden, eller skanna QR-koden med dess kamera. Koden fungerar en gång, till %1.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="564"/>
        <source>Copy</source>
        <translation>Kopiera</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../../qml/components/SyncIndicator.qml" line="39"/>
        <source>Sync status: %1</source>
        <translation>Synkstatus: %1</translation>
    </message>
</context>
<context>
    <name>TrashPage</name>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="12"/>
        <source>Trash</source>
        <translation>Papperskorg</translation>
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
        <translation>Affärer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Activities</source>
        <translation>Aktiviteter</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Notes</source>
        <translation>Anteckningar</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Follow-ups</source>
        <translation>Uppföljningar</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Contact plans</source>
        <translation>Kontaktplaner</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Programmes</source>
        <translation>Program</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Files</source>
        <translation>Filer</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="42"/>
        <source>Restore</source>
        <translation>Återställ</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="47"/>
        <source>The trash is empty</source>
        <translation>Papperskorgen är tom</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="12"/>
        <source>Welcome to Fika</source>
        <translation>Välkommen till Fika</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="24"/>
        <source>Capture possible work where it happens, even with no network.</source>
        <translation>Fånga möjliga uppdrag där de uppstår, även utan nätverk.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="37"/>
        <source>Start offline</source>
        <translation>Börja offline</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="38"/>
        <source>Everything works on this device; connect to a server whenever you like.</source>
        <translation>Allt fungerar på den här enheten; anslut till en server när du vill.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="39"/>
        <source>Your name</source>
        <translation>Ditt namn</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="41"/>
        <source>Start working offline</source>
        <translation>Börja arbeta offline</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="55"/>
        <source>Sign in to your firm&apos;s server</source>
        <translation>Logga in på företagets server</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="57"/>
        <source>Your admin gives you a code - or your other device does, in Settings, Add another device. A fika:// link fills in both fields.</source>
        <translation>Din administratör ger dig en kod – eller din andra enhet gör det, under Inställningar, Lägg till en enhet till. En fika://-länk fyller i båda fälten.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="74"/>
        <source>Code, e.g. K7QH-2MWP-9XRT</source>
        <translation>Kod, t.ex. K7QH-2MWP-9XRT</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="84"/>
        <source>To sign in: enter the server&apos;s address, or paste a fika:// link.</source>
        <translation>För att logga in: skriv serverns adress, eller klistra in en fika://-länk.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="85"/>
        <source>To sign in: enter the code your administrator gave you.</source>
        <translation>För att logga in: skriv koden du fick av din administratör.</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="92"/>
        <source>Sign in</source>
        <translation>Logga in</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="97"/>
        <source>Signing in…</source>
        <translation>Loggar in…</translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="65"/>
        <source>Server address, e.g. https://fika.example.com</source>
        <translation>Serveradress, t.ex. https://fika.example.com</translation>
    </message>
</context>
<context>
    <name>fika::app::AppContext</name>
    <message>
        <location filename="../appcontext.cpp" line="208"/>
        <source>Me</source>
        <translation>Jag</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="220"/>
        <location filename="../appcontext.cpp" line="338"/>
        <source>The server address starts with http:// or https://</source>
        <translation>Serveradressen börjar med http:// eller https://</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="224"/>
        <source>Paste the token your admin gave you</source>
        <translation>Klistra in token du fick av administratören</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="255"/>
        <source>Your firm requires the app to lock itself after at most %1 idle minutes</source>
        <translation>Ditt företag kräver att appen låser sig efter högst %1 minuter utan aktivitet</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="261"/>
        <source>The PIN or passphrase needs at least 4 characters</source>
        <translation>PIN-koden eller lösenfrasen måste ha minst 4 tecken</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="262"/>
        <source>The two differ</source>
        <translation>De två skiljer sig åt</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="321"/>
        <source>This device&apos;s data was deleted</source>
        <translation>Enhetens data raderades</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="341"/>
        <source>Enter the code your admin gave you</source>
        <translation>Ange koden du fick av din administratör</translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="348"/>
        <source>A code has 12 letters and digits, like K7QH-2MWP-9XRT</source>
        <translation>En kod har 12 bokstäver och siffror, som K7QH-2MWP-9XRT</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="38"/>
        <source>Unknown field %1</source>
        <translation>Okänt fält %1</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="57"/>
        <location filename="../appcontext_labels.cpp" line="140"/>
        <source>%1 must be a positive amount</source>
        <translation>%1 måste vara ett positivt belopp</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="58"/>
        <source>%1 is not a number</source>
        <translation>%1 är inte ett tal</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="74"/>
        <source>The period ends before it starts</source>
        <translation>Perioden slutar innan den börjar</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="85"/>
        <location filename="../appcontext_writes.cpp" line="100"/>
        <location filename="../appcontext_files.cpp" line="100"/>
        <source>Unknown kind %1</source>
        <translation>Okänd typ %1</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="118"/>
        <source>No such case</source>
        <translation>Affären finns inte</translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="54"/>
        <location filename="../appcontext_files.cpp" line="82"/>
        <source>There is no folder to export to</source>
        <translation>Det finns ingen mapp att exportera till</translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="57"/>
        <source>Could not write %1</source>
        <translation>Kunde inte skriva %1</translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="41"/>
        <source>Same e-mail</source>
        <translation>Samma e-post</translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="41"/>
        <source>Same phone</source>
        <translation>Samma telefon</translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="41"/>
        <source>Same name</source>
        <translation>Samma namn</translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="85"/>
        <source>Could not create %1</source>
        <translation>Kunde inte skapa %1</translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="96"/>
        <source>Choose a CSV file</source>
        <translation>Välj en CSV-fil</translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="106"/>
        <source>line %1: %2</source>
        <translation>rad %1: %2</translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="113"/>
        <source>%1: %2 added, %3 updated, %4 unchanged</source>
        <translation>%1: %2 tillagda, %3 uppdaterade, %4 oförändrade</translation>
    </message>
    <message numerus="yes">
        <location filename="../appcontext_files.cpp" line="118"/>
        <source>%Ln row(s) skipped:</source>
        <translation>
            <numerusform>%Ln rad hoppades över:</numerusform>
            <numerusform>%Ln rader hoppades över:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="174"/>
        <source>Write one sentence about what they need</source>
        <translation>Skriv en mening om vad de behöver</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="176"/>
        <location filename="../appcontext_writes.cpp" line="262"/>
        <source>Which customer?</source>
        <translation>Vilken kund?</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="179"/>
        <source>%1 is not an amount</source>
        <translation>%1 är inte ett belopp</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="206"/>
        <source>That person is not one of this customer&apos;s people</source>
        <translation>Den personen hör inte till den här kunden</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="234"/>
        <source>Only the last capture can be taken back</source>
        <translation>Bara det senast fångade kan ångras</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="270"/>
        <source>That case belongs to another customer</source>
        <translation>Den affären hör till en annan kund</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="277"/>
        <source>Possible case at %1</source>
        <translation>Möjlig affär hos %1</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="307"/>
        <source>Connect to a server first</source>
        <translation>Anslut till en server först</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="313"/>
        <source>Unknown stage %1</source>
        <translation>Okänt steg %1</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="327"/>
        <source>There is no move of this case to take back</source>
        <translation>Det finns ingen flytt av affären att ångra</translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="330"/>
        <source>The case has moved on since; move it back by hand if you want to</source>
        <translation>Affären har flyttats vidare sedan dess; flytta tillbaka den för hand om du vill</translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="191"/>
        <source>Inbound only: we have promised not to sell actively here. Log what they ask for; do not pitch.</source>
        <translation>Endast inkommande: vi har lovat att inte sälja aktivt här. Logga vad de frågar efter; sälj inte.</translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="193"/>
        <source>Blocked: we do not work for this customer because of a competitor promise. Talk to a seller first.</source>
        <translation>Spärrad: vi arbetar inte för den här kunden på grund av ett löfte till en konkurrent. Prata med en säljare först.</translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="205"/>
        <source>%1 is an active customer in the competitor group &quot;%2&quot;: a seller will be told.</source>
        <translation>%1 är en aktiv kund i konkurrentgruppen ”%2”: en säljare får veta det.</translation>
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

Smärta:

Tidpunkt:

Vem beslutar:

Budget:
</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="46"/>
        <source>Spotted</source>
        <translation>Upptäckt</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="47"/>
        <source>Qualified</source>
        <translation>Kvalificerad</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="48"/>
        <location filename="../appcontext_labels.cpp" line="68"/>
        <source>Meeting</source>
        <translation>Möte</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="49"/>
        <location filename="../appcontext_labels.cpp" line="70"/>
        <source>Offer</source>
        <translation>Offert</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="50"/>
        <source>Negotiation</source>
        <translation>Förhandling</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="51"/>
        <location filename="../appcontext_labels.cpp" line="71"/>
        <location filename="../models/numbers.cpp" line="91"/>
        <source>Won</source>
        <translation>Vunnen</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="52"/>
        <location filename="../appcontext_labels.cpp" line="72"/>
        <source>Lost</source>
        <translation>Förlorad</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="59"/>
        <source>Decision maker</source>
        <translation>Beslutsfattare</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="60"/>
        <source>Project owner</source>
        <translation>Projektägare</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="61"/>
        <source>Influencer</source>
        <translation>Påverkare</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="62"/>
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="63"/>
        <location filename="../appcontext_labels.cpp" line="73"/>
        <source>Other</source>
        <translation>Annan</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="67"/>
        <source>Conversation</source>
        <translation>Samtal</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="69"/>
        <source>Phone meeting</source>
        <translation>Telefonmöte</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="77"/>
        <source>open</source>
        <translation>öppen</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="78"/>
        <source>planned</source>
        <translation>planerad</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="79"/>
        <source>done</source>
        <translation>klar</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="80"/>
        <source>cancelled</source>
        <translation>avbruten</translation>
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
        <translation>Direkt</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="92"/>
        <source>Consultant</source>
        <translation>Konsult</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="93"/>
        <source>Seller</source>
        <translation>Säljare</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="94"/>
        <source>Administrator</source>
        <translation>Administratör</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="99"/>
        <source>Title (role)</source>
        <translation>Titel (roll)</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="99"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="100"/>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="101"/>
        <source>Value</source>
        <translation>Värde</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="102"/>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="103"/>
        <source>Probability %</source>
        <translation>Sannolikhet %</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="104"/>
        <source>Follow up</source>
        <translation>Följ upp</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="105"/>
        <source>Next step</source>
        <translation>Nästa steg</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="106"/>
        <source>Need</source>
        <translation>Behov</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="107"/>
        <source>Why it was lost</source>
        <translation>Varför den förlorades</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="108"/>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="109"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="110"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="111"/>
        <source>Due</source>
        <translation>Förfaller</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="112"/>
        <source>Summary</source>
        <translation>Sammanfattning</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="114"/>
        <source>Outcome</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="115"/>
        <source>Cost</source>
        <translation>Kostnad</translation>
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
        <translation>Veckomål</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="119"/>
        <source>Yearly revenue</source>
        <translation>Årlig omsättning</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="120"/>
        <source>Competitor group</source>
        <translation>Konkurrentgrupp</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="121"/>
        <source>Stage</source>
        <translation>Steg</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="122"/>
        <source>Owner</source>
        <translation>Ansvarig</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="123"/>
        <source>Found by</source>
        <translation>Hittad av</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="124"/>
        <source>Policy</source>
        <translation>Policy</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="125"/>
        <source>Role</source>
        <translation>Roll</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="126"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="127"/>
        <source>Industry</source>
        <translation>Bransch</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="138"/>
        <source>%1 is required</source>
        <translation>%1 måste fyllas i</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="141"/>
        <source>%1 must be between %2 and %3</source>
        <translation>%1 måste vara mellan %2 och %3</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="144"/>
        <source>%1 is too long (at most %2 characters)</source>
        <translation>%1 är för lång (högst %2 tecken)</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="145"/>
        <source>%1: choose one of the offered values</source>
        <translation>%1: välj ett av de erbjudna värdena</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="146"/>
        <source>%1 cannot be changed once the record is created</source>
        <translation>%1 kan inte ändras när posten väl är skapad</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="147"/>
        <source>This record was erased at a person&apos;s request: it cannot be changed</source>
        <translation>Posten raderades på en persons begäran: den kan inte ändras</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="148"/>
        <source>%1 is not valid here</source>
        <translation>%1 är inte giltigt här</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="152"/>
        <source>The local database could not be read or written (%1). Nothing was lost; try again, or free some disk space</source>
        <translation>Den lokala databasen kunde inte läsas eller skrivas (%1). Inget gick förlorat; försök igen, eller frigör diskutrymme</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="154"/>
        <source>The local database is busy; try again in a moment</source>
        <translation>Den lokala databasen är upptagen; försök igen om en stund</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="155"/>
        <source>The local database is damaged (%1)</source>
        <translation>Den lokala databasen är skadad (%1)</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="156"/>
        <source>This database was written by a newer Fika: update the app</source>
        <translation>Databasen skrevs av en nyare Fika: uppdatera appen</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="157"/>
        <source>It is not there any more (deleted, or never synced to this device)</source>
        <translation>Den finns inte längre (borttagen, eller aldrig synkad till den här enheten)</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="158"/>
        <source>That is too large to save</source>
        <translation>Det är för stort för att sparas</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="164"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="165"/>
        <source>inbound only</source>
        <translation>endast inkommande</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="166"/>
        <source>blocked</source>
        <translation>spärrad</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="172"/>
        <source>inbound-only customer: no active selling</source>
        <translation>kund med endast inkommande: ingen aktiv försäljning</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="173"/>
        <source>blocked customer</source>
        <translation>spärrad kund</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="174"/>
        <source>competitor of %1 (group %2)</source>
        <translation>konkurrent till %1 (grupp %2)</translation>
    </message>
    <message>
        <location filename="../models/record_list_model.cpp" line="228"/>
        <source>not met yet</source>
        <translation>inte träffad än</translation>
    </message>
    <message>
        <location filename="../models/record_list_model.cpp" line="234"/>
        <location filename="../models/case_history_model.cpp" line="93"/>
        <source> (inbound)</source>
        <translation> (inkommande)</translation>
    </message>
    <message>
        <location filename="../models/record_list_model.cpp" line="239"/>
        <location filename="../models/case_history_model.cpp" line="111"/>
        <source>Needs analysis</source>
        <translation>Behovsanalys</translation>
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
        <translation>senast %1</translation>
    </message>
    <message>
        <location filename="../models/inbox_model.cpp" line="60"/>
        <source>New case: %1</source>
        <translation>Ny affär: %1</translation>
    </message>
    <message>
        <location filename="../models/inbox_model.cpp" line="61"/>
        <source>New customer in a competitor group</source>
        <translation>Ny kund i en konkurrentgrupp</translation>
    </message>
    <message>
        <location filename="../models/inbox_model.cpp" line="62"/>
        <source>Outbound work on a restricted customer</source>
        <translation>Utgående arbete hos en begränsad kund</translation>
    </message>
    <message>
        <location filename="../models/inbox_model.cpp" line="65"/>
        <source>found by %1</source>
        <translation>hittad av %1</translation>
    </message>
    <message>
        <location filename="../models/team_model.cpp" line="68"/>
        <source>(unknown)</source>
        <translation>(okänd)</translation>
    </message>
    <message>
        <location filename="../models/team_model.cpp" line="70"/>
        <source>Conversations: %1 · Meetings: %2 · Offers: %3 · Won: %4</source>
        <translation>Samtal: %1 · Möten: %2 · Offerter: %3 · Vunna: %4</translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="73"/>
        <source>Captured as %1</source>
        <translation>Fångad som %1</translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="113"/>
        <location filename="../models/case_history_model.cpp" line="111"/>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="127"/>
        <source>Photo attached</source>
        <translation>Foto bifogat</translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="127"/>
        <source>File attached</source>
        <translation>Fil bifogad</translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="139"/>
        <source>Captured</source>
        <translation>Fångad</translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="151"/>
        <source>In %1 since today</source>
        <translation>I %1 sedan i dag</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/case_history_model.cpp" line="152"/>
        <source>In %1 for %Ln day(s)</source>
        <translation>
            <numerusform>I %1 i %Ln dag</numerusform>
            <numerusform>I %1 i %Ln dagar</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="41"/>
        <source>(unnamed)</source>
        <translation>(namnlöst)</translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="46"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="48"/>
        <source>from %1</source>
        <translation>från %1</translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="50"/>
        <source>until %1</source>
        <translation>till %1</translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="55"/>
        <source>%1 × the cost</source>
        <translation>%1 × kostnaden</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/programmes_model.cpp" line="56"/>
        <source>%Ln case(s) identified</source>
        <translation>
            <numerusform>%Ln affär identifierad</numerusform>
            <numerusform>%Ln affärer identifierade</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="57"/>
        <source>%1 won · %2 lost</source>
        <translation>%1 vunna · %2 förlorade</translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="59"/>
        <source>%1 conversations → %2 meetings → %3 offers → %4 won</source>
        <translation>%1 samtal → %2 möten → %3 offerter → %4 vunna</translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="88"/>
        <source>Conversations</source>
        <translation>Samtal</translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="89"/>
        <source>Meetings</source>
        <translation>Möten</translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="89"/>
        <source>%1 of conversations</source>
        <translation>%1 av samtalen</translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="90"/>
        <source>Offers</source>
        <translation>Offerter</translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="90"/>
        <source>%1 of meetings</source>
        <translation>%1 av mötena</translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="91"/>
        <source>%1 of offers</source>
        <translation>%1 av offerterna</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="59"/>
        <source>Case: %1</source>
        <translation>Affär: %1</translation>
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
        <translation>Anteckning: %1</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="119"/>
        <source>Not sent: %1</source>
        <translation>Inte skickad: %1</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="122"/>
        <source>Waiting to be sent</source>
        <translation>Väntar på att skickas</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="123"/>
        <source>Sending: %1 %</source>
        <translation>Skickar: %1 %</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="128"/>
        <source>Partly downloaded (%1 %)</source>
        <translation>Delvis hämtad (%1 %)</translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="131"/>
        <source>Not downloaded yet</source>
        <translation>Inte hämtad än</translation>
    </message>
</context>
<context>
    <name>fika::app::Attachments</name>
    <message>
        <location filename="../app_attachments.cpp" line="322"/>
        <source>Choose a file to attach</source>
        <translation>Välj en fil att bifoga</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="323"/>
        <location filename="../app_attachments.cpp" line="385"/>
        <source>Files cannot be attached here</source>
        <translation>Filer kan inte bifogas här</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="330"/>
        <source>%1 does not exist</source>
        <translation>%1 finns inte</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="331"/>
        <source>%1 is a folder: attach the files in it</source>
        <translation>%1 är en mapp: bifoga filerna i den</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="332"/>
        <source>%1 cannot be read</source>
        <translation>%1 kan inte läsas</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="334"/>
        <location filename="../app_attachments.cpp" line="450"/>
        <source>%1 is this app&apos;s own database</source>
        <translation>%1 är appens egen databas</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="338"/>
        <source>%1 has %2; a file may have at most %3 (Settings): nothing was stored</source>
        <translation>%1 är %2; en fil får vara högst %3 (Inställningar): inget sparades</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="371"/>
        <source>Pasted image %1</source>
        <translation>Inklistrad bild %1</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="378"/>
        <source>The clipboard holds no image or file</source>
        <translation>Urklipp innehåller ingen bild eller fil</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="384"/>
        <source>The image cannot be read</source>
        <translation>Bilden kan inte läsas</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="421"/>
        <location filename="../app_attachments.cpp" line="437"/>
        <source>No such file</source>
        <translation>Filen finns inte</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="439"/>
        <source>There is no folder to open files from</source>
        <translation>Det finns ingen mapp att öppna filer från</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="448"/>
        <source>Choose where to save the file</source>
        <translation>Välj var filen ska sparas</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="482"/>
        <source>No program on this device opens %1</source>
        <translation>Inget program på den här enheten öppnar %1</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="490"/>
        <source>A file needs a name</source>
        <translation>En fil behöver ett namn</translation>
    </message>
</context>
<context>
    <name>fika::app::DesktopNotifier</name>
    <message numerus="yes">
        <location filename="../notifier.cpp" line="28"/>
        <source>Fika: %n unread in the inbox</source>
        <translation>
            <numerusform>Fika: %n oläst i inkorgen</numerusform>
            <numerusform>Fika: %n olästa i inkorgen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../notifier.cpp" line="64"/>
        <source>Open</source>
        <translation>Öppna</translation>
    </message>
    <message>
        <location filename="../notifier.cpp" line="66"/>
        <source>Snooze for an hour</source>
        <translation>Påminn igen om en timme</translation>
    </message>
    <message>
        <location filename="../notifier.cpp" line="67"/>
        <source>Snooze all for an hour</source>
        <translation>Påminn om alla igen om en timme</translation>
    </message>
    <message>
        <location filename="../notifier.cpp" line="69"/>
        <source>Done</source>
        <translation>Klar</translation>
    </message>
</context>
<context>
    <name>fika::app::DeviceLock</name>
    <message>
        <location filename="../devicelock.cpp" line="79"/>
        <source>That is not this device&apos;s passphrase</source>
        <translation>Det är inte den här enhetens lösenfras</translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="80"/>
        <source>The database cannot be opened: %1</source>
        <translation>Databasen kan inte öppnas: %1</translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="100"/>
        <source>This device&apos;s database could not be encrypted: %1</source>
        <translation>Enhetens databas kunde inte krypteras: %1</translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="124"/>
        <source>This device&apos;s database is encrypted, but its vault (%1), which holds its key, is missing. Put the vault back beside the database, or start over: what was synced is safe on the server.</source>
        <translation>Enhetens databas är krypterad, men dess valv (%1), som håller nyckeln, saknas. Lägg tillbaka valvet bredvid databasen, eller börja om: det som har synkats finns tryggt på servern.</translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="148"/>
        <source>Type this device&apos;s passphrase</source>
        <translation>Skriv enhetens lösenfras</translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="154"/>
        <source>The passphrase needs at least 8 characters</source>
        <translation>Lösenfrasen måste ha minst 8 tecken</translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="158"/>
        <source>The two passphrases differ</source>
        <translation>De två lösenfraserna skiljer sig åt</translation>
    </message>
</context>
<context>
    <name>fika::app::FileWorker</name>
    <message>
        <location filename="../app_attachments.cpp" line="94"/>
        <location filename="../app_attachments.cpp" line="141"/>
        <source>The local database could not be opened</source>
        <translation>Den lokala databasen kunde inte öppnas</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="118"/>
        <source>Cannot read %1</source>
        <translation>Kan inte läsa %1</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="144"/>
        <source>Could not write %1 (is the disk full?)</source>
        <translation>Kunde inte skriva %1 (är disken full?)</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="190"/>
        <source>%1 is larger than %2, the most a file may have (Settings): nothing was stored</source>
        <translation>%1 är större än %2, det mesta en fil får vara (Inställningar): inget sparades</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="192"/>
        <source>The record %1 was to go on is gone or in the trash</source>
        <translation>Posten som %1 skulle bifogas till är borta eller i papperskorgen</translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="193"/>
        <source>%1 could not be stored: %2</source>
        <translation>%1 kunde inte sparas: %2</translation>
    </message>
</context>
<context>
    <name>fika::app::Reminders</name>
    <message>
        <location filename="../reminders.cpp" line="128"/>
        <source>Follow-up due: %1</source>
        <translation>Dags att följa upp: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../reminders.cpp" line="133"/>
        <source>%n follow-up(s) due</source>
        <translation>
            <numerusform>%n uppföljning att göra</numerusform>
            <numerusform>%n uppföljningar att göra</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fika::app::SyncController</name>
    <message>
        <location filename="../synccontroller.cpp" line="364"/>
        <source>An admin signed this device out; everything on it was sent first</source>
        <translation>En administratör loggade ut den här enheten; allt på den skickades först</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="372"/>
        <source>The local database is damaged: export what you can (Settings), then ask your admin</source>
        <translation>Den lokala databasen är skadad: exportera det som går (Inställningar) och kontakta sedan din administratör</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="427"/>
        <source>Enter one e-mail address, like name@example.com</source>
        <translation>Skriv en e-postadress, till exempel namn@exempel.se</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="428"/>
        <source>Enter the address the mail should go to</source>
        <translation>Skriv adressen som e-posten ska gå till</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="464"/>
        <source>Local database damaged</source>
        <translation>Lokal databas skadad</translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="465"/>
        <source>Offline · %Ln change(s) kept on this device</source>
        <translation>
            <numerusform>Offline · %Ln ändring sparad på enheten</numerusform>
            <numerusform>Offline · %Ln ändringar sparade på enheten</numerusform>
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
        <translation>Logga in igen</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="468"/>
        <source>Sync failed</source>
        <translation>Synkningen misslyckades</translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="469"/>
        <source>%Ln conflict(s) to review</source>
        <translation>
            <numerusform>%Ln konflikt att granska</numerusform>
            <numerusform>%Ln konflikter att granska</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="470"/>
        <source>%Ln change(s) refused</source>
        <translation>
            <numerusform>%Ln ändring avvisad</numerusform>
            <numerusform>%Ln ändringar avvisade</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="472"/>
        <source>Syncing…</source>
        <translation>Synkar…</translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="473"/>
        <source>Offline · %Ln change(s) waiting</source>
        <translation>
            <numerusform>Offline · %Ln ändring väntar</numerusform>
            <numerusform>Offline · %Ln ändringar väntar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="474"/>
        <source>%Ln change(s) waiting</source>
        <translation>
            <numerusform>%Ln ändring väntar</numerusform>
            <numerusform>%Ln ändringar väntar</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="475"/>
        <source>Synced at %1</source>
        <translation>Synkad %1</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="552"/>
        <source>There is no server to send them to</source>
        <translation>Det finns ingen server att skicka dem till</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="554"/>
        <location filename="../synccontroller.cpp" line="595"/>
        <source>You signed out</source>
        <translation>Du loggade ut</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="565"/>
        <source>Sending %1 of %2 records</source>
        <translation>Skickar %1 av %2 poster</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="566"/>
        <source>Receiving %1 of %2 records</source>
        <translation>Tar emot %1 av %2 poster</translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="570"/>
        <source>about %n s left</source>
        <translation>
            <numerusform>cirka %n s kvar</numerusform>
            <numerusform>cirka %n s kvar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="570"/>
        <source>about %n min left</source>
        <translation>
            <numerusform>cirka %n min kvar</numerusform>
            <numerusform>cirka %n min kvar</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="587"/>
        <source>An admin wiped this device</source>
        <translation>En administratör har rensat den här enheten</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="598"/>
        <source>The server did not take them all</source>
        <translation>Servern tog inte emot alla</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="693"/>
        <source>%1 at %2, found by %3</source>
        <translation>%1 hos %2, hittad av %3</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="696"/>
        <source>New case</source>
        <translation>Ny affär</translation>
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
        <translation>Den lokala databasen kunde inte öppnas</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="98"/>
        <source>The local database is damaged</source>
        <translation>Den lokala databasen är skadad</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="180"/>
        <source>The server does not accept this token</source>
        <translation>Servern godtar inte den här token</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="166"/>
        <location filename="../synccontroller.cpp" line="181"/>
        <location filename="../synccontroller.cpp" line="220"/>
        <location filename="../synccontroller.cpp" line="235"/>
        <location filename="../synccontroller.cpp" line="266"/>
        <source>Cannot reach the server: %1</source>
        <translation>Når inte servern: %1</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="159"/>
        <source>This file is not on this device, and the device is not connected to a server</source>
        <translation>Filen finns inte på den här enheten, och enheten är inte ansluten till någon server</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="164"/>
        <source>The device it was attached on has not sent this file yet</source>
        <translation>Enheten där den bifogades har inte skickat filen än</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="165"/>
        <source>The server does not have this file for you</source>
        <translation>Servern har inte den här filen åt dig</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="191"/>
        <source>This token is %1&apos;s, but changes by %2 are waiting on this device. Ask your admin for a new token for %2.</source>
        <translation>Den här token tillhör %1, men ändringar av %2 väntar på enheten. Be din administratör om en ny token för %2.</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="196"/>
        <source>The token could not be saved in this device&apos;s vault</source>
        <translation>Token kunde inte sparas i enhetens valv</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="217"/>
        <source>The server does not know this code, or it was used or has expired. Ask for a new one.</source>
        <translation>Servern känner inte till koden, eller så har den redan använts eller gått ut. Be om en ny.</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="218"/>
        <source>The server refuses to sign this device in: %1</source>
        <translation>Servern vägrar logga in den här enheten: %1</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="219"/>
        <source>Too many tries: wait a minute and try again</source>
        <translation>För många försök: vänta en minut och försök igen</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="221"/>
        <source>The server could not sign this device in: %1</source>
        <translation>Servern kunde inte logga in den här enheten: %1</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="231"/>
        <location filename="../synccontroller.cpp" line="262"/>
        <source>This device is not connected to a server</source>
        <translation>Den här enheten är inte ansluten till någon server</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="272"/>
        <source>wiped</source>
        <translation>raderad</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="273"/>
        <source>signed out</source>
        <translation>utloggad</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="274"/>
        <source>signing out</source>
        <translation>loggas ut</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="275"/>
        <source>signed out by an admin</source>
        <translation>utloggad av en administratör</translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="279"/>
        <source>A device signed in with your token</source>
        <translation>En enhet inloggad med din token</translation>
    </message>
</context>
</TS>
