<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>AccountEditPage</name>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="13"/>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="13"/>
        <source>Edit customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="23"/>
        <source>Name (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="24"/>
        <source>Org number (CVR / org.nr)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="25"/>
        <source>Industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="26"/>
        <source>Competitor group (e.g. banks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="33"/>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="36"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="36"/>
        <source>Inbound only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="36"/>
        <source>Blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="44"/>
        <source>Owner (seller)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="50"/>
        <source>No owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="63"/>
        <source>Yearly revenue with us (DKK)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="66"/>
        <source>To save: give the customer a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/AccountEditPage.qml" line="71"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountPicker</name>
    <message>
        <location filename="../../../qml/components/AccountPicker.qml" line="29"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AccountPicker.qml" line="52"/>
        <source>A new customer “%1” will be created</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentsSection</name>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="17"/>
        <source>Files and photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="43"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="59"/>
        <source>Attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="62"/>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="63"/>
        <source>Attach a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="79"/>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="82"/>
        <source>Paste an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="83"/>
        <source>Attach the image or file on the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="114"/>
        <source>Drop to attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="114"/>
        <source>No files yet. Drop photos or files here, or paste an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="138"/>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="184"/>
        <source>More for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="188"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="191"/>
        <source>Download to this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="198"/>
        <source>Send again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="205"/>
        <source>Save a copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="208"/>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="209"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="222"/>
        <source>Downloading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="229"/>
        <source>Attach files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="231"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="231"/>
        <source>Photos (*.jpg *.jpeg *.png *.heic *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="231"/>
        <source>Documents (*.pdf *.docx *.xlsx *.pptx *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="237"/>
        <source>Save a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/AttachmentsSection.qml" line="251"/>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CameraButton</name>
    <message>
        <location filename="../../../qml/components/CameraButton.qml" line="18"/>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/CameraButton.qml" line="20"/>
        <location filename="../../../qml/components/CameraButton.qml" line="22"/>
        <location filename="../../../qml/components/CameraButton.qml" line="35"/>
        <source>Take a photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/CameraButton.qml" line="44"/>
        <source>Photo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/CameraButton.qml" line="47"/>
        <source>The camera could not take the photo: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/CameraButton.qml" line="66"/>
        <source>Take photo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="16"/>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="78"/>
        <source>No case to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="105"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="110"/>
        <source>What is it, in one sentence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="116"/>
        <source>Need</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="121"/>
        <source>The need, in the customer&apos;s words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="129"/>
        <source>Found by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="144"/>
        <source>Yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="144"/>
        <source>No owner yet: to triage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="144"/>
        <source>Owned by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="149"/>
        <source>Take ownership</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="154"/>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="178"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="180"/>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="182"/>
        <source>Probability %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="184"/>
        <source>Follow up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="185"/>
        <source>No follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="187"/>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="188"/>
        <source>What happens next, and who does it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="191"/>
        <source>Lost because: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="200"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="207"/>
        <source>Log activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="210"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="231"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="251"/>
        <source>Add a note about this case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="258"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CasePage.qml" line="295"/>
        <source>Nothing logged on this case yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="13"/>
        <source>Needs your attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="25"/>
        <source>Conflicts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="26"/>
        <source>No conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="42"/>
        <source>Yours: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="43"/>
        <source>Theirs (kept): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="45"/>
        <source>Keep theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="46"/>
        <source>Use mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="51"/>
        <source>Refused by the server (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="52"/>
        <source>Nothing refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="71"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ConflictsPage.qml" line="72"/>
        <source>Send again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerPage</name>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="16"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="51"/>
        <source>competitor group: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="52"/>
        <source>revenue %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="38"/>
        <source>Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="39"/>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="40"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="426"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="53"/>
        <source>owner %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="84"/>
        <source>More actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="101"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="102"/>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="103"/>
        <source>Activities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="104"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="36"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="105"/>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="31"/>
        <source>Log conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="32"/>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="34"/>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="37"/>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="82"/>
        <source>More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="106"/>
        <source>Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="107"/>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="113"/>
        <source>No people yet. Who decides? Who owns the project?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="114"/>
        <source>No cases yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="115"/>
        <source>No conversations logged yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="115"/>
        <source>Files on this activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="116"/>
        <source>No notes yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="117"/>
        <source>Nobody is planned to contact anyone here yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="118"/>
        <source>No follow-ups yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="127"/>
        <source>Files about this customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="153"/>
        <source>New person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="160"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="192"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="161"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="193"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="169"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="202"/>
        <source>We have met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="170"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="203"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="171"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="204"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="206"/>
        <source>Export vCard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="210"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="218"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="214"/>
        <source>Export their data (GDPR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="223"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="340"/>
        <source>Files and photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="227"/>
        <source>Delete person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="230"/>
        <source>Erase person…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="245"/>
        <source>Possible duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="255"/>
        <source>No one here looks like a duplicate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="276"/>
        <source>Merge into %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="281"/>
        <source>Merged into %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="296"/>
        <source>Erase %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="305"/>
        <source>Their name, contact details and the words of every conversation, note and follow-up about them are cleared on this device now and on every device at the next sync. Cases stay. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="311"/>
        <source>Erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="317"/>
        <source>%1 was erased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="328"/>
        <source>New note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="35"/>
        <location filename="../../../qml/pages/CustomerPage.qml" line="328"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="335"/>
        <source>Needs analysis template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="336"/>
        <source>What did you learn?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="342"/>
        <source>Files on this note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="356"/>
        <source>Plan who contacts whom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="365"/>
        <source>Add the person first (People tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="374"/>
        <source>Colleague who will make contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="375"/>
        <source>By date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="395"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="385"/>
        <source>New follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomerPage.qml" line="394"/>
        <source>What to do, e.g. call Eva about the offer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="12"/>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="24"/>
        <source>Search customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="29"/>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../../qml/pages/CustomersPage.qml" line="34"/>
        <source>%Ln customer(s)</source>
        <translation>
            <numerusform>%Ln customer</numerusform>
            <numerusform>%Ln customers</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="52"/>
        <source>No customers yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="52"/>
        <source>No customer matches “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/CustomersPage.qml" line="53"/>
        <source>Add one with “New customer”, or capture a case and name the customer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="11"/>
        <location filename="../../../qml/components/DateField.qml" line="120"/>
        <source>No date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="68"/>
        <source>Previous month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="81"/>
        <source>Next month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="118"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/DateField.qml" line="119"/>
        <source>In a week</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <location filename="../../../qml/components/DraftKeeper.qml" line="75"/>
        <source>What you typed here before is back (not saved yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/DraftKeeper.qml" line="83"/>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="13"/>
        <source>Fika</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="28"/>
        <source>Hello, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="28"/>
        <source>Hello</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="42"/>
        <source>Log a conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="51"/>
        <source>Capture a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="71"/>
        <source>Follow-ups due (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="99"/>
        <source>was due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="99"/>
        <source>due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="100"/>
        <source>snoozed until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="119"/>
        <location filename="../../../qml/pages/HomePage.qml" line="120"/>
        <source>Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="124"/>
        <source>For an hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="125"/>
        <source>Until tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="133"/>
        <location filename="../../../qml/pages/HomePage.qml" line="134"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="148"/>
        <source>This week: %1 of %2 conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="159"/>
        <source>The most conversations win.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="172"/>
        <source>Talking points (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="186"/>
        <source>To triage (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="201"/>
        <source>Show %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="208"/>
        <source>Nothing waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/HomePage.qml" line="209"/>
        <source>New cases show up here until someone takes them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="14"/>
        <source>Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="40"/>
        <source>Unread only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="49"/>
        <source>Every kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="49"/>
        <source>New cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="50"/>
        <source>Competitor groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="51"/>
        <source>Restricted customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="56"/>
        <source>Mark all read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="119"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="128"/>
        <source>Contact: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="138"/>
        <source>Take it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="144"/>
        <source>Yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="155"/>
        <source>No new cases yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="155"/>
        <source>Nothing here with these filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="156"/>
        <source>Connect to a server to receive cases from the field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/InboxPage.qml" line="156"/>
        <source>They appear here the moment a consultant syncs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockWindow</name>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="18"/>
        <source>Fika</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="46"/>
        <source>Protect this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="47"/>
        <source>This device&apos;s data cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="48"/>
        <source>Unlock Fika</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="57"/>
        <source>Fika encrypts what it keeps on this device. This computer has no keyring to hold the key, so choose a passphrase: you type it when Fika starts. Without it the data on this device cannot be read - by anyone; what has been synced stays safe on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="59"/>
        <source>What Fika keeps on this device is encrypted. Type this device&apos;s passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="69"/>
        <source>New passphrase (at least 8 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="69"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="80"/>
        <source>The same again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="97"/>
        <source>Encrypt and start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="97"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/LockWindow.qml" line="105"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogActivityPage</name>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="17"/>
        <source>Log a conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="17"/>
        <source>Log on a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="72"/>
        <source>On the case “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="97"/>
        <source>(nobody in particular)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="121"/>
        <source>They contacted us (inbound)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="125"/>
        <source>Note (optional): coffee chat with Eva about…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="132"/>
        <source>There may be a case here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="141"/>
        <source>Talking points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="151"/>
        <source>To save: choose the customer from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/LogActivityPage.qml" line="156"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LostReasonDialog</name>
    <message>
        <location filename="../../../qml/components/LostReasonDialog.qml" line="9"/>
        <source>Why was it lost?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/LostReasonDialog.qml" line="22"/>
        <source>Price, timing, another vendor…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../../qml/Main.qml" line="16"/>
        <location filename="../../../qml/Main.qml" line="146"/>
        <location filename="../../../qml/Main.qml" line="269"/>
        <source>Fika</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="29"/>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="30"/>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="31"/>
        <source>Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="32"/>
        <source>My numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="35"/>
        <location filename="../../../qml/Main.qml" line="251"/>
        <source>Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="36"/>
        <source>Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="37"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="140"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="140"/>
        <source>Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="171"/>
        <source>Capture a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="173"/>
        <source>Capture a case (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="245"/>
        <source>Deleted “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="241"/>
        <location filename="../../../qml/Main.qml" line="245"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="255"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="276"/>
        <source>working offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="325"/>
        <source>Too many wrong tries: try again in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="326"/>
        <source>That is not the PIN or passphrase of this app&apos;s lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="335"/>
        <source>Fika is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="339"/>
        <source>PIN or passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="346"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="367"/>
        <source>Choose an app lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="369"/>
        <source>Your firm requires Fika to lock itself after %1 idle minutes and at every start. Choose the PIN or passphrase that opens it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="373"/>
        <source>PIN or passphrase (at least 4 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="374"/>
        <source>The same again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="376"/>
        <source>Set the app lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="395"/>
        <source>This device&apos;s Fika data is deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="408"/>
        <source>Everything that was synced is safe on the server. To work here again, start Fika and sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/Main.qml" line="415"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NumbersPage</name>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="12"/>
        <source>My numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="29"/>
        <source>This week: %1 of %2 conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="36"/>
        <source>Only mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="46"/>
        <source>Funnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="56"/>
        <source>%1 meetings and %2 phone meetings · %3 lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="65"/>
        <source>won value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="71"/>
        <source>Pipeline by stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="91"/>
        <source>Pipeline over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="96"/>
        <source>captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="109"/>
        <source>Per person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="133"/>
        <source>%1 of %2 this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="177"/>
        <source>Return on the programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="181"/>
        <source>Add programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="188"/>
        <source>No programme yet. A programme&apos;s cost (training, travel, lost billable time) and period set the pipeline it found against what it cost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="222"/>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="232"/>
        <source>programme cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="232"/>
        <source>training, travel, lost billable time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="233"/>
        <source>identified pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/NumbersPage.qml" line="234"/>
        <source>estimated earnings (weighted)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <location filename="../../../qml/components/PersonPicker.qml" line="60"/>
        <source>Who said it (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PersonPicker.qml" line="81"/>
        <source>Add “%1” as a new person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PersonPicker.qml" line="88"/>
        <source>Choose who it was above, or add “%1” as a new person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PersonPicker.qml" line="96"/>
        <source>A new person “%1” will be added</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PipelineBoard</name>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="23"/>
        <source>Everyone&apos;s cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="24"/>
        <source>My cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="25"/>
        <source>Not owned yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="28"/>
        <source>Owned by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="31"/>
        <source>Found by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="47"/>
        <source>Moved “%1” to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="75"/>
        <source>Open pipeline: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="76"/>
        <location filename="../../../qml/components/PipelineBoard.qml" line="159"/>
        <source>weighted %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="77"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="86"/>
        <source>Whose cases the board shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="182"/>
        <source>No cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="220"/>
        <source>Ctrl+Left or Ctrl+Right moves it to the stage before or after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="223"/>
        <source>Ctrl+← / Ctrl+→ moves it; Enter opens it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="233"/>
        <source>(untitled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="246"/>
        <source>Not owned</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../../qml/components/PipelineBoard.qml" line="256"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln day</numerusform>
            <numerusform>%Ln days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="291"/>
        <source>Move to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="297"/>
        <source>Move to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/components/PipelineBoard.qml" line="303"/>
        <source>Move to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PipelinePage</name>
    <message>
        <location filename="../../../qml/pages/PipelinePage.qml" line="15"/>
        <source>Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/PipelinePage.qml" line="38"/>
        <source>Open pipeline: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/PipelinePage.qml" line="39"/>
        <source>weighted %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../../qml/pages/PipelinePage.qml" line="65"/>
        <source>%Ln case(s)</source>
        <translation>
            <numerusform>%Ln case</numerusform>
            <numerusform>%Ln cases</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../qml/pages/PipelinePage.qml" line="89"/>
        <source>No cases yet. Cases captured in the field arrive here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/PipelinePage.qml" line="89"/>
        <source>Choose a stage to see its cases</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgrammeEditPage</name>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="14"/>
        <source>New programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="14"/>
        <source>Edit programme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="27"/>
        <source>Name (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="33"/>
        <source>Cost: training, travel, lost billable time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="41"/>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="52"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="60"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="68"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="74"/>
        <source>Cases captured in the period count as the pipeline this programme found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="83"/>
        <source>To save: give the programme a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="88"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/ProgrammeEditPage.qml" line="105"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuickCapturePage</name>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="13"/>
        <source>Capture a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="40"/>
        <source>Case saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="121"/>
        <source>What do they need? One sentence is enough.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="144"/>
        <source>Rough value, e.g. 150k (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="154"/>
        <source>To save: name the customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="155"/>
        <source>To save: write what they need, one sentence is enough.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="156"/>
        <source>To save: pick who said it from the list, or add them as new.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/QuickCapturePage.qml" line="161"/>
        <source>Save case</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordDelegate</name>
    <message>
        <location filename="../../../qml/components/RecordDelegate.qml" line="19"/>
        <source>(untitled)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="13"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="22"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="24"/>
        <source>Connected to %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="24"/>
        <source>Working offline on this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="29"/>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="66"/>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="54"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="69"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="50"/>
        <source>Sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="73"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="74"/>
        <source>Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="275"/>
        <source>What Fika keeps on this device is encrypted; its key is in this computer&apos;s keyring or sealed with your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="276"/>
        <source>What Fika keeps on this device is not encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="304"/>
        <source>Sign out of this device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../../qml/pages/SettingsPage.qml" line="328"/>
        <source>%n change(s) could not be sent (%1). Nothing is deleted: sign out when you are online, or sign out anyway and lose them.</source>
        <translation>
            <numerusform>%n change could not be sent (%1). Nothing is deleted: sign out when you are online, or sign out anyway and lose it.</numerusform>
            <numerusform>%n changes could not be sent (%1). Nothing is deleted: sign out when you are online, or sign out anyway and lose them.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="329"/>
        <source>Everything not yet sent goes to the server first. Then this device&apos;s data and its token are deleted; signing in again downloads what you may see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="336"/>
        <source>Sign out anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="336"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="340"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="177"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="30"/>
        <source>Code from your admin, e.g. K7QH-2MWP-9XRT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="40"/>
        <source>The server no longer accepts this device&apos;s sign-in (an admin signed it out, or replaced it). Enter a new code from your admin: everything on this device stays and syncs once you are signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="45"/>
        <source>New code, e.g. K7QH-2MWP-9XRT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="215"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="225"/>
        <source>Remind me of follow-ups due at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="85"/>
        <source>E-mail about new cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="89"/>
        <source>Your server does not send e-mail yet: ask your admin. Your choice is kept for when it does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="99"/>
        <source>Your e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="110"/>
        <source>A mail for each new case, at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="124"/>
        <source>One mail a day, at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="142"/>
        <source>No e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="152"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="167"/>
        <source>The server refused it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="168"/>
        <source>Kept: it reaches the server at the next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="169"/>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="182"/>
        <source>As the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="189"/>
        <source>Dark theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="190"/>
        <source>How I sell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="207"/>
        <source>Conversations per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="229"/>
        <source>Photos and files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="235"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="244"/>
        <source>Photos are kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="240"/>
        <source>Large (2560 pixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="240"/>
        <source>Small (1280 pixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="241"/>
        <source>As taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="247"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="255"/>
        <source>Largest file (MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="257"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="266"/>
        <source>Download files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="262"/>
        <source>Small ones (up to 2 MB) at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="262"/>
        <source>All at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="263"/>
        <source>Only when opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="270"/>
        <source>This device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="287"/>
        <source>Add another device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="295"/>
        <source>Your devices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="345"/>
        <source>App lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="351"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="351"/>
        <source>After 1 minute idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="352"/>
        <source>After 5 minutes idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="352"/>
        <source>After 15 minutes idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="353"/>
        <source>After an hour idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="368"/>
        <source>PIN or passphrase (at least 4 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="379"/>
        <source>The same again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="388"/>
        <source>Set the app lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="388"/>
        <location filename="../../../qml/pages/SettingsPage.qml" line="395"/>
        <source>No app lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="395"/>
        <source>Fika locks itself after %1 min without use, and at every start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="402"/>
        <source>Conflicts and refused changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="404"/>
        <source>Export follow-ups to a calendar (.ics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="411"/>
        <source>Saved %1: open it with your calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="415"/>
        <source>Export all to CSV files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="422"/>
        <source>Saved in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="427"/>
        <source>Import a CSV file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="446"/>
        <source>Import a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="448"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="448"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="453"/>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="464"/>
        <source>Your devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="473"/>
        <source>Asking the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="483"/>
        <source>this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="490"/>
        <source>last sync %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="490"/>
        <source>never synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="500"/>
        <source>A lost device? Ask your admin to wipe it: it deletes what it holds at its next contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="514"/>
        <source>Add another device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="525"/>
        <source>Asking the server for a code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="537"/>
        <source>On your other device, open Fika and enter this server and code, or scan the QR code with its camera. The code works once, until %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/SettingsPage.qml" line="564"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../../qml/components/SyncIndicator.qml" line="39"/>
        <source>Sync status: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrashPage</name>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="12"/>
        <source>Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Activities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Contact plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Programmes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="23"/>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="42"/>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/TrashPage.qml" line="47"/>
        <source>The trash is empty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="12"/>
        <source>Welcome to Fika</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="24"/>
        <source>Capture possible work where it happens, even with no network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="37"/>
        <source>Start offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="38"/>
        <source>Everything works on this device; connect to a server whenever you like.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="39"/>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="41"/>
        <source>Start working offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="55"/>
        <source>Sign in to your firm&apos;s server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="57"/>
        <source>Your admin gives you a code - or your other device does, in Settings, Add another device. A fika:// link fills in both fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="74"/>
        <source>Code, e.g. K7QH-2MWP-9XRT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="84"/>
        <source>To sign in: enter the server&apos;s address, or paste a fika:// link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="85"/>
        <source>To sign in: enter the code your administrator gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="92"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="97"/>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../../qml/pages/WelcomePage.qml" line="65"/>
        <source>Server address, e.g. https://fika.example.com</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fika::app::AppContext</name>
    <message>
        <location filename="../appcontext.cpp" line="208"/>
        <source>Me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="220"/>
        <location filename="../appcontext.cpp" line="338"/>
        <source>The server address starts with http:// or https://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="224"/>
        <source>Paste the token your admin gave you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="255"/>
        <source>Your firm requires the app to lock itself after at most %1 idle minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="261"/>
        <source>The PIN or passphrase needs at least 4 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="262"/>
        <source>The two differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="321"/>
        <source>This device&apos;s data was deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="341"/>
        <source>Enter the code your admin gave you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext.cpp" line="348"/>
        <source>A code has 12 letters and digits, like K7QH-2MWP-9XRT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="38"/>
        <source>Unknown field %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="57"/>
        <location filename="../appcontext_labels.cpp" line="140"/>
        <source>%1 must be a positive amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="58"/>
        <source>%1 is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="74"/>
        <source>The period ends before it starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="85"/>
        <location filename="../appcontext_writes.cpp" line="100"/>
        <location filename="../appcontext_files.cpp" line="100"/>
        <source>Unknown kind %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="118"/>
        <source>No such case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="54"/>
        <location filename="../appcontext_files.cpp" line="82"/>
        <source>There is no folder to export to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="57"/>
        <source>Could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="41"/>
        <source>Same e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="41"/>
        <source>Same phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="41"/>
        <source>Same name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="85"/>
        <source>Could not create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="96"/>
        <source>Choose a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="106"/>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_files.cpp" line="113"/>
        <source>%1: %2 added, %3 updated, %4 unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../appcontext_files.cpp" line="118"/>
        <source>%Ln row(s) skipped:</source>
        <translation>
            <numerusform>%Ln row skipped:</numerusform>
            <numerusform>%Ln rows skipped:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="174"/>
        <source>Write one sentence about what they need</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="176"/>
        <location filename="../appcontext_writes.cpp" line="262"/>
        <source>Which customer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="179"/>
        <source>%1 is not an amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="206"/>
        <source>That person is not one of this customer&apos;s people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="234"/>
        <source>Only the last capture can be taken back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="270"/>
        <source>That case belongs to another customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="277"/>
        <source>Possible case at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="307"/>
        <source>Connect to a server first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="313"/>
        <source>Unknown stage %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="327"/>
        <source>There is no move of this case to take back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_writes.cpp" line="330"/>
        <source>The case has moved on since; move it back by hand if you want to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="191"/>
        <source>Inbound only: we have promised not to sell actively here. Log what they ask for; do not pitch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="193"/>
        <source>Blocked: we do not work for this customer because of a competitor promise. Talk to a seller first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_lookups.cpp" line="205"/>
        <source>%1 is an active customer in the competitor group &quot;%2&quot;: a seller will be told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="29"/>
        <source>Need:

Pain:

Timing:

Who decides:

Budget:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="46"/>
        <source>Spotted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="47"/>
        <source>Qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="48"/>
        <location filename="../appcontext_labels.cpp" line="68"/>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="49"/>
        <location filename="../appcontext_labels.cpp" line="70"/>
        <source>Offer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="50"/>
        <source>Negotiation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="51"/>
        <location filename="../appcontext_labels.cpp" line="71"/>
        <location filename="../models/numbers.cpp" line="91"/>
        <source>Won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="52"/>
        <location filename="../appcontext_labels.cpp" line="72"/>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="59"/>
        <source>Decision maker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="60"/>
        <source>Project owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="61"/>
        <source>Influencer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="62"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="63"/>
        <location filename="../appcontext_labels.cpp" line="73"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="67"/>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="69"/>
        <source>Phone meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="77"/>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="78"/>
        <source>planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="79"/>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="80"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="85"/>
        <source>Passive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="86"/>
        <source>Neutral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="87"/>
        <source>Direct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="92"/>
        <source>Consultant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="93"/>
        <source>Seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="94"/>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="99"/>
        <source>Title (role)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="99"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="100"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="101"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="102"/>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="103"/>
        <source>Probability %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="104"/>
        <source>Follow up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="105"/>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="106"/>
        <source>Need</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="107"/>
        <source>Why it was lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="108"/>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="109"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="110"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="111"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="112"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="114"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="115"/>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="116"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="117"/>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="118"/>
        <source>Weekly target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="119"/>
        <source>Yearly revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="120"/>
        <source>Competitor group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="121"/>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="122"/>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="123"/>
        <source>Found by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="124"/>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="125"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="126"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="127"/>
        <source>Industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="138"/>
        <source>%1 is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="141"/>
        <source>%1 must be between %2 and %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="144"/>
        <source>%1 is too long (at most %2 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="145"/>
        <source>%1: choose one of the offered values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="146"/>
        <source>%1 cannot be changed once the record is created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="147"/>
        <source>This record was erased at a person&apos;s request: it cannot be changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="148"/>
        <source>%1 is not valid here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="152"/>
        <source>The local database could not be read or written (%1). Nothing was lost; try again, or free some disk space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="154"/>
        <source>The local database is busy; try again in a moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="155"/>
        <source>The local database is damaged (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="156"/>
        <source>This database was written by a newer Fika: update the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="157"/>
        <source>It is not there any more (deleted, or never synced to this device)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="158"/>
        <source>That is too large to save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="164"/>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="165"/>
        <source>inbound only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="166"/>
        <source>blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="172"/>
        <source>inbound-only customer: no active selling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="173"/>
        <source>blocked customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="174"/>
        <source>competitor of %1 (group %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/record_list_model.cpp" line="228"/>
        <source>not met yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/record_list_model.cpp" line="234"/>
        <location filename="../models/case_history_model.cpp" line="93"/>
        <source> (inbound)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/record_list_model.cpp" line="239"/>
        <location filename="../models/case_history_model.cpp" line="111"/>
        <source>Needs analysis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/record_list_model.cpp" line="247"/>
        <location filename="../models/case_history_model.cpp" line="74"/>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/record_list_model.cpp" line="248"/>
        <source>by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/inbox_model.cpp" line="60"/>
        <source>New case: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/inbox_model.cpp" line="61"/>
        <source>New customer in a competitor group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/inbox_model.cpp" line="62"/>
        <source>Outbound work on a restricted customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/inbox_model.cpp" line="65"/>
        <source>found by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/team_model.cpp" line="68"/>
        <source>(unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/team_model.cpp" line="70"/>
        <source>Conversations: %1 · Meetings: %2 · Offers: %3 · Won: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="73"/>
        <source>Captured as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../appcontext_labels.cpp" line="113"/>
        <location filename="../models/case_history_model.cpp" line="111"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="127"/>
        <source>Photo attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="127"/>
        <source>File attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="139"/>
        <source>Captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/case_history_model.cpp" line="151"/>
        <source>In %1 since today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/case_history_model.cpp" line="152"/>
        <source>In %1 for %Ln day(s)</source>
        <translation>
            <numerusform>In %1 for %Ln day</numerusform>
            <numerusform>In %1 for %Ln days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="41"/>
        <source>(unnamed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="46"/>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="48"/>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="50"/>
        <source>until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="55"/>
        <source>%1 × the cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../models/programmes_model.cpp" line="56"/>
        <source>%Ln case(s) identified</source>
        <translation>
            <numerusform>%Ln case identified</numerusform>
            <numerusform>%Ln cases identified</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="57"/>
        <source>%1 won · %2 lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/programmes_model.cpp" line="59"/>
        <source>%1 conversations → %2 meetings → %3 offers → %4 won</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="88"/>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="89"/>
        <source>Meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="89"/>
        <source>%1 of conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="90"/>
        <source>Offers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="90"/>
        <source>%1 of meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/numbers.cpp" line="91"/>
        <source>%1 of offers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="59"/>
        <source>Case: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="60"/>
        <source>Person: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="63"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="65"/>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="119"/>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="122"/>
        <source>Waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="123"/>
        <source>Sending: %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="128"/>
        <source>Partly downloaded (%1 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../models/attachments_model.cpp" line="131"/>
        <source>Not downloaded yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fika::app::Attachments</name>
    <message>
        <location filename="../app_attachments.cpp" line="322"/>
        <source>Choose a file to attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="323"/>
        <location filename="../app_attachments.cpp" line="385"/>
        <source>Files cannot be attached here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="330"/>
        <source>%1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="331"/>
        <source>%1 is a folder: attach the files in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="332"/>
        <source>%1 cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="334"/>
        <location filename="../app_attachments.cpp" line="450"/>
        <source>%1 is this app&apos;s own database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="338"/>
        <source>%1 has %2; a file may have at most %3 (Settings): nothing was stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="371"/>
        <source>Pasted image %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="378"/>
        <source>The clipboard holds no image or file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="384"/>
        <source>The image cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="421"/>
        <location filename="../app_attachments.cpp" line="437"/>
        <source>No such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="439"/>
        <source>There is no folder to open files from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="448"/>
        <source>Choose where to save the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="482"/>
        <source>No program on this device opens %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="490"/>
        <source>A file needs a name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fika::app::DesktopNotifier</name>
    <message numerus="yes">
        <location filename="../notifier.cpp" line="28"/>
        <source>Fika: %n unread in the inbox</source>
        <translation>
            <numerusform>Fika: %n unread in the inbox</numerusform>
            <numerusform>Fika: %n unread in the inbox</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../notifier.cpp" line="64"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../notifier.cpp" line="66"/>
        <source>Snooze for an hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../notifier.cpp" line="67"/>
        <source>Snooze all for an hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../notifier.cpp" line="69"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fika::app::DeviceLock</name>
    <message>
        <location filename="../devicelock.cpp" line="79"/>
        <source>That is not this device&apos;s passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="80"/>
        <source>The database cannot be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="100"/>
        <source>This device&apos;s database could not be encrypted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="124"/>
        <source>This device&apos;s database is encrypted, but its vault (%1), which holds its key, is missing. Put the vault back beside the database, or start over: what was synced is safe on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="148"/>
        <source>Type this device&apos;s passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="154"/>
        <source>The passphrase needs at least 8 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../devicelock.cpp" line="158"/>
        <source>The two passphrases differ</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fika::app::FileWorker</name>
    <message>
        <location filename="../app_attachments.cpp" line="94"/>
        <location filename="../app_attachments.cpp" line="141"/>
        <source>The local database could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="118"/>
        <source>Cannot read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="144"/>
        <source>Could not write %1 (is the disk full?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="190"/>
        <source>%1 is larger than %2, the most a file may have (Settings): nothing was stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="192"/>
        <source>The record %1 was to go on is gone or in the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app_attachments.cpp" line="193"/>
        <source>%1 could not be stored: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fika::app::Reminders</name>
    <message>
        <location filename="../reminders.cpp" line="128"/>
        <source>Follow-up due: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../reminders.cpp" line="133"/>
        <source>%n follow-up(s) due</source>
        <translation>
            <numerusform>%n follow-up due</numerusform>
            <numerusform>%n follow-ups due</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fika::app::SyncController</name>
    <message>
        <location filename="../synccontroller.cpp" line="364"/>
        <source>An admin signed this device out; everything on it was sent first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="372"/>
        <source>The local database is damaged: export what you can (Settings), then ask your admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="427"/>
        <source>Enter one e-mail address, like name@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="428"/>
        <source>Enter the address the mail should go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="464"/>
        <source>Local database damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="465"/>
        <source>Offline · %Ln change(s) kept on this device</source>
        <translation>
            <numerusform>Offline · %Ln change kept on this device</numerusform>
            <numerusform>Offline · %Ln changes kept on this device</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="465"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="467"/>
        <source>Sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="468"/>
        <source>Sync failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="469"/>
        <source>%Ln conflict(s) to review</source>
        <translation>
            <numerusform>%Ln conflict to review</numerusform>
            <numerusform>%Ln conflicts to review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="470"/>
        <source>%Ln change(s) refused</source>
        <translation>
            <numerusform>%Ln change refused</numerusform>
            <numerusform>%Ln changes refused</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="472"/>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="473"/>
        <source>Offline · %Ln change(s) waiting</source>
        <translation>
            <numerusform>Offline · %Ln change waiting</numerusform>
            <numerusform>Offline · %Ln changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="474"/>
        <source>%Ln change(s) waiting</source>
        <translation>
            <numerusform>%Ln change waiting</numerusform>
            <numerusform>%Ln changes waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="475"/>
        <source>Synced at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="552"/>
        <source>There is no server to send them to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="554"/>
        <location filename="../synccontroller.cpp" line="595"/>
        <source>You signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="565"/>
        <source>Sending %1 of %2 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="566"/>
        <source>Receiving %1 of %2 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="570"/>
        <source>about %n s left</source>
        <translation>
            <numerusform>about %n s left</numerusform>
            <numerusform>about %n s left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../synccontroller.cpp" line="570"/>
        <source>about %n min left</source>
        <translation>
            <numerusform>about %n min left</numerusform>
            <numerusform>about %n min left</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="587"/>
        <source>An admin wiped this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="598"/>
        <source>The server did not take them all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="693"/>
        <source>%1 at %2, found by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="696"/>
        <source>New case</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="98"/>
        <source>The local database is damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="180"/>
        <source>The server does not accept this token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="166"/>
        <location filename="../synccontroller.cpp" line="181"/>
        <location filename="../synccontroller.cpp" line="220"/>
        <location filename="../synccontroller.cpp" line="235"/>
        <location filename="../synccontroller.cpp" line="266"/>
        <source>Cannot reach the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="159"/>
        <source>This file is not on this device, and the device is not connected to a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="164"/>
        <source>The device it was attached on has not sent this file yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="165"/>
        <source>The server does not have this file for you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="191"/>
        <source>This token is %1&apos;s, but changes by %2 are waiting on this device. Ask your admin for a new token for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="196"/>
        <source>The token could not be saved in this device&apos;s vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="217"/>
        <source>The server does not know this code, or it was used or has expired. Ask for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="218"/>
        <source>The server refuses to sign this device in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="219"/>
        <source>Too many tries: wait a minute and try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="221"/>
        <source>The server could not sign this device in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="231"/>
        <location filename="../synccontroller.cpp" line="262"/>
        <source>This device is not connected to a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="272"/>
        <source>wiped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="273"/>
        <source>signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="274"/>
        <source>signing out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="275"/>
        <source>signed out by an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../synccontroller.cpp" line="279"/>
        <source>A device signed in with your token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
