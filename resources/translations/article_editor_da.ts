<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="da_DK">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Article Editor</source>
        <translation>Om Article Editor</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Article Editor {0}&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Article Editor {0}&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Write and maintain the Markdown articles of a static website: a form for the front matter, the source, and a live preview.</source>
        <translation>Skriv og vedligehold Markdown-artiklerne på et statisk websted: en formular til metadata, kildeteksten og en levende forhåndsvisning.</translation>
    </message>
    <message>
        <source>License:</source>
        <translation>Licens:</translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation>Qt:</translation>
    </message>
    <message>
        <source>Python:</source>
        <translation>Python:</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>Indstillinger:</translation>
    </message>
    <message>
        <source>Backups and recovery:</source>
        <translation>Sikkerhedskopier og gendannelse:</translation>
    </message>
    <message>
        <source>&amp;Copy Version Info</source>
        <translation>&amp;Kopiér versionsoplysninger</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Om &amp;Qt</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopieret</translation>
    </message>
</context>
<context>
    <name>ArticleError</name>
    <message>
        <source>the front matter that starts on line 1 is never closed: add a line with {fence} after the last field</source>
        <translation>metadata, der begynder på linje 1, bliver aldrig afsluttet: tilføj en linje med {fence} efter det sidste felt</translation>
    </message>
    <message>
        <source>the front matter is {size} KB long; more than {limit} KB is not read (is a closing --- missing?)</source>
        <translation>metadata fylder {size} KB; mere end {limit} KB læses ikke (mangler der en afsluttende ---?)</translation>
    </message>
    <message>
        <source>the TOML front matter is malformed: {problem}</source>
        <translation>metadata i TOML er ugyldige: {problem}</translation>
    </message>
    <message>
        <source>the front matter is not valid YAML: {problem}</source>
        <translation>metadata er ikke gyldig YAML: {problem}</translation>
    </message>
    <message>
        <source>the front matter contains the control character {character}, which YAML does not allow</source>
        <translation>metadata indeholder kontroltegnet {character}, som YAML ikke tillader</translation>
    </message>
    <message>
        <source>the front matter must be `key: value` lines, but it is a list</source>
        <translation>metadata skal være linjer med `nøgle: værdi`, men de er en liste</translation>
    </message>
    <message>
        <source>the front matter must be `key: value` lines, but it is a single value</source>
        <translation>metadata skal være linjer med `nøgle: værdi`, men de er en enkelt værdi</translation>
    </message>
    <message>
        <source>the key {key} is read as {type}, not as a name; put it in quotes</source>
        <translation>nøglen {key} læses som {type}, ikke som et navn; sæt den i anførselstegn</translation>
    </message>
    <message>
        <source>the value of {key} cannot be read: {problem}</source>
        <translation>værdien af {key} kan ikke læses: {problem}</translation>
    </message>
    <message>
        <source>the front matter expands to more than {limit} values through YAML aliases; refusing to read it</source>
        <translation>metadata udvides til mere end {limit} værdier gennem YAML-aliaser; de læses ikke</translation>
    </message>
    <message>
        <source>the YAML tag {tag} is not allowed in front matter (tags could run code; write the value as plain text)</source>
        <translation>YAML-mærket {tag} er ikke tilladt i metadata (mærker kan køre kode; skriv værdien som almindelig tekst)</translation>
    </message>
    <message>
        <source>the front matter refers to itself through a YAML alias</source>
        <translation>metadata henviser til sig selv gennem et YAML-alias</translation>
    </message>
    <message>
        <source>the key {key} appears twice (lines {first} and {second}); remove one</source>
        <translation>nøglen {key} forekommer to gange (linje {first} og {second}); fjern den ene</translation>
    </message>
    <message>
        <source>the value of {key} cannot be written without changing others; edit it in the source</source>
        <translation>værdien af {key} kan ikke skrives uden at ændre andre; ret den i kilden</translation>
    </message>
    <message>
        <source>there is no field {key} to remove</source>
        <translation>der er intet felt {key} at fjerne</translation>
    </message>
    <message>
        <source>another field refers to {key} through a YAML alias; edit it in the source</source>
        <translation>et andet felt henviser til {key} gennem et YAML-alias; ret det i kilden</translation>
    </message>
    <message>
        <source>TOML front matter (+++) is shown read-only; edit it in the source</source>
        <translation>metadata i TOML (+++) vises skrivebeskyttet; redigér dem i kildeteksten</translation>
    </message>
    <message>
        <source>the field {key} shares its line with another; edit it in the source</source>
        <translation>feltet {key} deler linje med et andet; redigér det i kildeteksten</translation>
    </message>
    <message>
        <source>the field {key} is not written as `key: value`</source>
        <translation>feltet {key} er ikke skrevet som `nøgle: værdi`</translation>
    </message>
    <message>
        <source>the file is {size} MB; articles larger than {limit} MB are not opened</source>
        <translation>filen fylder {size} MB; artikler større end {limit} MB åbnes ikke</translation>
    </message>
    <message>
        <source>the file is binary (it contains a NUL byte), not a Markdown article</source>
        <translation>filen er binær (den indeholder en NUL-byte) og ikke en Markdown-artikel</translation>
    </message>
    <message>
        <source>the file is not UTF-8 text (byte {byte} cannot be read); save it as UTF-8 in another editor first</source>
        <translation>filen er ikke UTF-8-tekst (byte {byte} kan ikke læses); gem den som UTF-8 i en anden editor først</translation>
    </message>
</context>
<context>
    <name>ArticleList</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Dato</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Kladde</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>kladde</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemer</translation>
    </message>
    <message>
        <source>{0} errors, {1} warnings, {2} notes</source>
        <translation>{0} fejl, {1} advarsler, {2} bemærkninger</translation>
    </message>
</context>
<context>
    <name>ArticleSession</name>
    <message>
        <source>line {0}: {1}</source>
        <translation>linje {0}: {1}</translation>
    </message>
</context>
<context>
    <name>ArticleSidebar</name>
    <message>
        <source>Filter by title or file…</source>
        <translation>Filtrer efter titel eller fil…</translation>
    </message>
    <message>
        <source>Drafts and published</source>
        <translation>Kladder og udgivne</translation>
    </message>
    <message>
        <source>Drafts only</source>
        <translation>Kun kladder</translation>
    </message>
    <message>
        <source>Published only</source>
        <translation>Kun udgivne</translation>
    </message>
    <message>
        <source>With problems</source>
        <translation>Med problemer</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Fra</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Til</translation>
    </message>
    <message>
        <source>Only articles dated from or to this day; the first day clears it</source>
        <translation>Kun artikler dateret fra eller til denne dag; den første dag fjerner grænsen</translation>
    </message>
    <message>
        <source>{0} of {1} articles</source>
        <translation>{0} af {1} artikler</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <source>New article</source>
        <translation>Ny artikel</translation>
    </message>
    <message>
        <source>Line {0}: </source>
        <translation>Linje {0}: </translation>
    </message>
    <message>
        <source>Cannot open {0}</source>
        <translation>{0} kan ikke åbnes</translation>
    </message>
    <message>
        <source>Cannot start a new article</source>
        <translation>Der kan ikke oprettes en ny artikel</translation>
    </message>
    <message>
        <source>The file changed on disk</source>
        <translation>Filen er ændret på disken</translation>
    </message>
    <message>
        <source>Overwrite it with your version, or save yours under another name?</source>
        <translation>Vil du overskrive den med din version eller gemme din under et andet navn?</translation>
    </message>
    <message>
        <source>&amp;Overwrite</source>
        <translation>&amp;Overskriv</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Gem &amp;som…</translation>
    </message>
    <message>
        <source>Show &amp;Differences</source>
        <translation>Vis &amp;forskelle</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>{0} er gemt</translation>
    </message>
    <message>
        <source>Save Article As</source>
        <translation>Gem artikel som</translation>
    </message>
    <message>
        <source>Markdown (*.md *.markdown)</source>
        <translation>Markdown (*.md *.markdown)</translation>
    </message>
    <message>
        <source>Revert to Saved</source>
        <translation>Gå tilbage til gemt version</translation>
    </message>
    <message>
        <source>Discard your changes to {0}?</source>
        <translation>Vil du forkaste dine ændringer i {0}?</translation>
    </message>
    <message>
        <source>Cannot revert</source>
        <translation>Kan ikke gå tilbage</translation>
    </message>
    <message>
        <source>the new article</source>
        <translation>den nye artikel</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ændringer, der ikke er gemt</translation>
    </message>
    <message>
        <source>Save your changes to {0}?</source>
        <translation>Vil du gemme dine ændringer i {0}?</translation>
    </message>
    <message>
        <source>Could not keep a recovery copy: {0}</source>
        <translation>Der kunne ikke gemmes en gendannelseskopi: {0}</translation>
    </message>
    <message>
        <source>Front matter written as one {…} map can only be edited in the source.</source>
        <translation>Metadata skrevet som ét {…}-map kan kun redigeres i kildeteksten.</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>Kunne ikke gemme</translation>
    </message>
    <message>
        <source>Your edits are kept.</source>
        <translation>Dine ændringer er bevaret.</translation>
    </message>
    <message>
        <source>{0} was deleted or moved</source>
        <translation>{0} er slettet eller flyttet</translation>
    </message>
    <message>
        <source>Reloaded {0}: another program changed it</source>
        <translation>{0} er genindlæst: et andet program ændrede den</translation>
    </message>
    <message>
        <source>Cannot compare</source>
        <translation>Kan ikke sammenligne</translation>
    </message>
    <message>
        <source>On disk: {0}</source>
        <translation>På disken: {0}</translation>
    </message>
    <message>
        <source>In the editor</source>
        <translation>I editoren</translation>
    </message>
    <message>
        <source>Insert Image</source>
        <translation>Indsæt billede</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp *.svg *.avif *.bmp)</source>
        <translation>Billeder (*.png *.jpg *.jpeg *.gif *.webp *.svg *.avif *.bmp)</translation>
    </message>
    <message>
        <source>Cannot insert {0}</source>
        <translation>{0} kan ikke indsættes</translation>
    </message>
    <message>
        <source>Cannot paste the image</source>
        <translation>Billedet kan ikke indsættes</translation>
    </message>
    <message>
        <source>Describe the image</source>
        <translation>Beskriv billedet</translation>
    </message>
    <message>
        <source>Alt text for {0} (what the image shows, for readers who cannot see it):</source>
        <translation>Alternativ tekst til {0} (hvad billedet viser, for læsere der ikke kan se det):</translation>
    </message>
    <message>
        <source>Choose Image</source>
        <translation>Vælg billede</translation>
    </message>
    <message>
        <source>Cannot use {0}</source>
        <translation>{0} kan ikke bruges</translation>
    </message>
</context>
<context>
    <name>BooleanEditor</name>
    <message>
        <source>Now {0}; tick or untick to make it true or false.</source>
        <translation>Nu {0}; sæt eller fjern fluebenet for at gøre det sandt eller falsk.</translation>
    </message>
</context>
<context>
    <name>CommitProcess</name>
    <message>
        <source>Could not run git: {0}</source>
        <translation>Kunne ikke køre git: {0}</translation>
    </message>
</context>
<context>
    <name>CountsLabel</name>
    <message>
        <source>{0} words, {1} characters, {2} min read</source>
        <translation>{0} ord, {1} tegn, {2} min. læsning</translation>
    </message>
    <message>
        <source>Selection: {0} words, {1} characters</source>
        <translation>Markeret: {0} ord, {1} tegn</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>Clear</source>
        <translation>Ryd</translation>
    </message>
    <message>
        <source>Leave this date empty</source>
        <translation>Lad datoen stå tom</translation>
    </message>
    <message>
        <source>Set date</source>
        <translation>Angiv dato</translation>
    </message>
    <message>
        <source>Fill in today&apos;s date, then change it as needed</source>
        <translation>Udfyld med dags dato, og ret den efter behov</translation>
    </message>
    <message>
        <source>Use calendar</source>
        <translation>Brug kalender</translation>
    </message>
    <message>
        <source>Replace this text with a date picked in a calendar</source>
        <translation>Erstat teksten med en dato valgt i en kalender</translation>
    </message>
    <message>
        <source>Edit this field in the source.</source>
        <translation>Redigér feltet i kildeteksten.</translation>
    </message>
    <message>
        <source>Not a date in the form {0}; correct the text or use the calendar.</source>
        <translation>Ikke en dato på formen {0}; ret teksten, eller brug kalenderen.</translation>
    </message>
</context>
<context>
    <name>DiffDialog</name>
    <message>
        <source>Differences</source>
        <translation>Forskelle</translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>No differences</source>
        <translation>Ingen forskelle</translation>
    </message>
</context>
<context>
    <name>DiskChangeBar</name>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Genindlæs</translation>
    </message>
    <message>
        <source>Show &amp;Differences</source>
        <translation>Vis &amp;forskelle</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Gem &amp;som…</translation>
    </message>
    <message>
        <source>&amp;Keep Mine</source>
        <translation>&amp;Behold min</translation>
    </message>
    <message>
        <source>{0} was changed by another program. Reload it and lose your edits, or keep yours?</source>
        <translation>{0} er ændret af et andet program. Vil du genindlæse den og miste dine ændringer eller beholde dine?</translation>
    </message>
    <message>
        <source>{0} was changed by another program, and the new version cannot be opened: {1}</source>
        <translation>{0} er ændret af et andet program, og den nye version kan ikke åbnes: {1}</translation>
    </message>
    <message>
        <source>{0} was deleted or moved by another program. Your text is kept here; save it to keep it.</source>
        <translation>{0} er slettet eller flyttet af et andet program. Din tekst er bevaret her; gem den for at beholde den.</translation>
    </message>
</context>
<context>
    <name>FindReplaceBar</name>
    <message>
        <source>Find</source>
        <translation>Søg</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Erstat med</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Forrige</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Forrige forekomst (Skift+Enter)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Næste</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Næste forekomst (Enter)</translation>
    </message>
    <message>
        <source>Aa</source>
        <translation>Aa</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Forskel på store og små bogstaver</translation>
    </message>
    <message>
        <source>Whole word</source>
        <translation>Hele ord</translation>
    </message>
    <message>
        <source>Match whole words only</source>
        <translation>Kun hele ord</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Erstat</translation>
    </message>
    <message>
        <source>Replace this match and find the next</source>
        <translation>Erstat denne forekomst, og find den næste</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>Erstat alle</translation>
    </message>
    <message>
        <source>Replace every match</source>
        <translation>Erstat alle forekomster</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Luk (Esc)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Søg…</translation>
    </message>
    <message>
        <source>&amp;Replace…</source>
        <translation>&amp;Erstat…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>Søg &amp;næste</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>Søg fo&amp;rrige</translation>
    </message>
    <message>
        <source>1 replaced</source>
        <translation>1 erstattet</translation>
    </message>
    <message>
        <source>{count} replaced</source>
        <translation>{count} erstattet</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Ingen forekomster</translation>
    </message>
    <message>
        <source>{current} of {total}</source>
        <translation>{current} af {total}</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 forekomst</translation>
    </message>
    <message>
        <source>{total} matches</source>
        <translation>{total} forekomster</translation>
    </message>
</context>
<context>
    <name>FocusMode</name>
    <message>
        <source>Focus &amp;Mode</source>
        <translation>Fokusvisnin&amp;g</translation>
    </message>
</context>
<context>
    <name>FormatActions</name>
    <message>
        <source>text</source>
        <translation>tekst</translation>
    </message>
    <message>
        <source>&amp;Bold</source>
        <translation>&amp;Fed</translation>
    </message>
    <message>
        <source>&amp;Italic</source>
        <translation>&amp;Kursiv</translation>
    </message>
    <message>
        <source>Inline &amp;Code</source>
        <translation>&amp;Inline-kode</translation>
    </message>
    <message>
        <source>&amp;Link…</source>
        <translation>&amp;Link…</translation>
    </message>
    <message>
        <source>Insert &amp;Image…</source>
        <translation>Indsæt &amp;billede…</translation>
    </message>
    <message>
        <source>Code Bl&amp;ock</source>
        <translation>K&amp;odeblok</translation>
    </message>
    <message>
        <source>Heading {level}</source>
        <translation>Overskrift {level}</translation>
    </message>
    <message>
        <source>&amp;Normal Text</source>
        <translation>&amp;Normal tekst</translation>
    </message>
    <message>
        <source>B&amp;ullet List</source>
        <translation>&amp;Punktopstilling</translation>
    </message>
    <message>
        <source>N&amp;umbered List</source>
        <translation>N&amp;ummereret liste</translation>
    </message>
    <message>
        <source>&amp;Quote</source>
        <translation>&amp;Citat</translation>
    </message>
</context>
<context>
    <name>FrontMatterForm</name>
    <message>
        <source>* required</source>
        <translation>* skal udfyldes</translation>
    </message>
    <message>
        <source>Other fields</source>
        <translation>Andre felter</translation>
    </message>
    <message>
        <source>Keys the site&apos;s schema does not list; they are kept as they are.</source>
        <translation>Nøgler, som webstedets skema ikke kender; de bevares, som de er.</translation>
    </message>
    <message>
        <source>Correct it in the source; the fields come back when it reads again.</source>
        <translation>Ret det i kildeteksten; felterne vender tilbage, når den kan læses igen.</translation>
    </message>
    <message>
        <source>TOML front matter is shown read-only; edit it in the source.</source>
        <translation>Metadata i TOML vises skrivebeskyttet; redigér dem i kildeteksten.</translation>
    </message>
    <message>
        <source>Alt text</source>
        <translation>Alternativ tekst</translation>
    </message>
</context>
<context>
    <name>ImageEditor</name>
    <message>
        <source>/images/… or choose a file</source>
        <translation>/images/… eller vælg en fil</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Vælg…</translation>
    </message>
    <message>
        <source>Pick an image file; it is copied into the site</source>
        <translation>Vælg en billedfil; den kopieres ind på webstedet</translation>
    </message>
    <message>
        <source>Edit this field in the source.</source>
        <translation>Redigér feltet i kildeteksten.</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>Intet billede</translation>
    </message>
    <message>
        <source>Not a file of the site</source>
        <translation>Ikke en fil på webstedet</translation>
    </message>
    <message>
        <source>Image not found</source>
        <translation>Billedet findes ikke</translation>
    </message>
    <message>
        <source>Cannot show this image</source>
        <translation>Billedet kan ikke vises</translation>
    </message>
    <message>
        <source>Thumbnail of {0}</source>
        <translation>Miniature af {0}</translation>
    </message>
</context>
<context>
    <name>LineFieldEditor</name>
    <message>
        <source>This text spans several lines; edit it in the source.</source>
        <translation>Teksten fylder flere linjer; redigér den i kildeteksten.</translation>
    </message>
    <message>
        <source>Edit this field in the source.</source>
        <translation>Redigér feltet i kildeteksten.</translation>
    </message>
</context>
<context>
    <name>ListFieldEditor</name>
    <message>
        <source>Separate items with commas</source>
        <translation>Adskil punkterne med kommaer</translation>
    </message>
    <message>
        <source>An item contains a comma or a nested value; edit this list in the source.</source>
        <translation>Et punkt indeholder et komma eller en indlejret værdi; redigér listen i kildeteksten.</translation>
    </message>
</context>
<context>
    <name>LongTextEditor</name>
    <message>
        <source>Edit this field in the source.</source>
        <translation>Redigér feltet i kildeteksten.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Problems</source>
        <translation>Problemer</translation>
    </message>
    <message>
        <source>&amp;New Article…</source>
        <translation>&amp;Ny artikel…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Åbn…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Gem</translation>
    </message>
    <message>
        <source>Save A&amp;ll</source>
        <translation>Gem a&amp;lle</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Gem &amp;som…</translation>
    </message>
    <message>
        <source>&amp;Revert to Saved</source>
        <translation>Gå &amp;tilbage til gemt version</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afslut</translation>
    </message>
    <message>
        <source>Re&amp;view Changes…</source>
        <translation>Genne&amp;mse ændringer…</translation>
    </message>
    <message>
        <source>D&amp;uplicate Article</source>
        <translation>D&amp;upliker artikel</translation>
    </message>
    <message>
        <source>Re&amp;name Article…</source>
        <translation>Om&amp;døb artikel…</translation>
    </message>
    <message>
        <source>&amp;Delete Article…</source>
        <translation>Slet art&amp;ikel…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Filer</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Åbn s&amp;eneste</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Rediger</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Fortryd</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Omgør</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Klip</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>Ko&amp;piér</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>Sæt &amp;ind</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>Markér &amp;alt</translation>
    </message>
    <message>
        <source>Find in &amp;Site…</source>
        <translation>Søg i si&amp;tet…</translation>
    </message>
    <message>
        <source>Find and &amp;Replace…</source>
        <translation>Søg og &amp;erstat…</translation>
    </message>
    <message>
        <source>&amp;Close Tab</source>
        <translation>Luk &amp;fane</translation>
    </message>
    <message>
        <source>&amp;Go to Line…</source>
        <translation>Gå til &amp;linje…</translation>
    </message>
    <message>
        <source>Pr&amp;eferences…</source>
        <translation>In&amp;dstillinger…</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>F&amp;ormatér</translation>
    </message>
    <message>
        <source>&amp;Insert</source>
        <translation>&amp;Indsæt</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <source>Soft &amp;Wrap</source>
        <translation>&amp;Ombryd lange linjer</translation>
    </message>
    <message>
        <source>&amp;Sync Scrolling</source>
        <translation>Synkron &amp;rulning</translation>
    </message>
    <message>
        <source>Front-Matter &amp;Form</source>
        <translation>&amp;Metadataformular</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>For&amp;håndsvisning</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;ind</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zoom &amp;ud</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Faktisk størrelse</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>Fuld &amp;skærm</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjælp</translation>
    </message>
    <message>
        <source>&amp;About Article Editor</source>
        <translation>&amp;Om Article Editor</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Om &amp;Qt</translation>
    </message>
    <message>
        <source>No recent articles</source>
        <translation>Ingen seneste artikler</translation>
    </message>
    <message>
        <source>Cannot open the site</source>
        <translation>Webstedet kan ikke åbnes</translation>
    </message>
    <message>
        <source>Open Article</source>
        <translation>Åbn artikel</translation>
    </message>
    <message>
        <source>Markdown (*.md *.markdown)</source>
        <translation>Markdown (*.md *.markdown)</translation>
    </message>
    <message>
        <source>New Article</source>
        <translation>Ny artikel</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ændringer, der ikke er gemt</translation>
    </message>
    <message>
        <source>inferred from the site&apos;s files</source>
        <translation>udledt af sitets filer</translation>
    </message>
    <message>
        <source>as {0} says</source>
        <translation>som {0} angiver</translation>
    </message>
    <message>
        <source>The preview renders Markdown as {0}, {1}.</source>
        <translation>Forhåndsvisningen viser Markdown som {0}, {1}.</translation>
    </message>
    <message>
        <source>{0} errors, {1} warnings</source>
        <translation>{0} fejl, {1} advarsler</translation>
    </message>
    <message>
        <source>Line {0}, column {1}</source>
        <translation>Linje {0}, kolonne {1}</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>Ny artikel</translation>
    </message>
    <message>
        <source>Site Problems</source>
        <translation>Sitets problemer</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Artikler</translation>
    </message>
    <message>
        <source>These articles have unsaved changes:
{0}

Save them all?</source>
        <translation>Disse artikler har ændringer, der ikke er gemt:
{0}

Gem dem alle?</translation>
    </message>
    <message>
        <source>{0}[*] — Article Editor</source>
        <translation>{0}[*] — Article Editor</translation>
    </message>
    <message>
        <source>Go to Line</source>
        <translation>Gå til linje</translation>
    </message>
    <message>
        <source>Line:</source>
        <translation>Linje:</translation>
    </message>
    <message>
        <source>Save the new article first.</source>
        <translation>Gem den nye artikel først.</translation>
    </message>
    <message>
        <source>{0} has unsaved changes: save or revert them first.</source>
        <translation>{0} har ændringer, der ikke er gemt: gem eller fortryd dem først.</translation>
    </message>
    <message>
        <source>Duplicate Article</source>
        <translation>Dupliker artikel</translation>
    </message>
    <message>
        <source>Rename Article</source>
        <translation>Omdøb artikel</translation>
    </message>
    <message>
        <source>Open the article&apos;s site folder to rename it.</source>
        <translation>Åbn artiklens sitemappe for at omdøbe den.</translation>
    </message>
    <message>
        <source>New slug (the file name and URL):</source>
        <translation>Ny slug (filnavnet og adressen):</translation>
    </message>
    <message>
        <source>Save these articles first: {0}</source>
        <translation>Gem først disse artikler: {0}</translation>
    </message>
    <message>
        <source>Rename {0} to {1}? These files change:
{2}</source>
        <translation>Omdøb {0} til {1}? Disse filer ændres:
{2}</translation>
    </message>
    <message>
        <source>Renamed to {0}; {1} articles&apos; links follow</source>
        <translation>Omdøbt til {0}; links i {1} artikler følger med</translation>
    </message>
    <message>
        <source>Delete Article</source>
        <translation>Slet artikel</translation>
    </message>
    <message>
        <source>Move {0} to the trash?</source>
        <translation>Flyt {0} til papirkurven?</translation>
    </message>
</context>
<context>
    <name>NumberEditor</name>
    <message>
        <source>A number</source>
        <translation>Et tal</translation>
    </message>
    <message>
        <source>Not a number: write it as 4, -12 or 1.5</source>
        <translation>Ikke et tal: skriv det som 4, -12 eller 1,5</translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <source>(empty heading)</source>
        <translation>(tom overskrift)</translation>
    </message>
    <message>
        <source>Line {0}</source>
        <translation>Linje {0}</translation>
    </message>
    <message>
        <source>Line {0}: a heading without text</source>
        <translation>Linje {0}: en overskrift uden tekst</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Indstillinger</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Wrap long lines at the edge of the editor</source>
        <translation>Ombryd lange linjer ved editorens kant</translation>
    </message>
    <message>
        <source>Keep the caret&apos;s paragraph in view, and the source with the preview</source>
        <translation>Hold markørens afsnit synligt, og kilden med forhåndsvisningen</translation>
    </message>
    <message>
        <source>The editor&apos;s own</source>
        <translation>Editorens egen</translation>
    </message>
    <message>
        <source>The site&apos;s own, when article-editor.toml names one</source>
        <translation>Webstedets egen, når article-editor.toml angiver en</translation>
    </message>
    <message>
        <source>A CSS file:</source>
        <translation>En CSS-fil:</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Ingen fil valgt</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>G&amp;ennemse…</translation>
    </message>
    <message>
        <source> s after the last edit</source>
        <translation> s efter sidste ændring</translation>
    </message>
    <message>
        <source>Unsaved edits are copied aside this long after you stop typing, to recover after a crash.</source>
        <translation>Ændringer, der ikke er gemt, kopieres til side så længe efter, du holder op med at skrive, så de kan gendannes efter et nedbrud.</translation>
    </message>
    <message>
        <source>Scrolling:</source>
        <translation>Rulning:</translation>
    </message>
    <message>
        <source>&amp;Recovery copy:</source>
        <translation>&amp;Gendannelseskopi:</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemets sprog</translation>
    </message>
    <message>
        <source>A new language is used after a restart.</source>
        <translation>Et nyt sprog bruges efter genstart.</translation>
    </message>
    <message>
        <source>Editor &amp;font:</source>
        <translation>Editorens &amp;skrifttype:</translation>
    </message>
    <message>
        <source>Long lines:</source>
        <translation>Lange linjer:</translation>
    </message>
    <message>
        <source>Preview stylesheet:</source>
        <translation>Typografiark til forhåndsvisning:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>S&amp;prog:</translation>
    </message>
    <message>
        <source>Choose a Stylesheet</source>
        <translation>Vælg et typografiark</translation>
    </message>
    <message>
        <source>Stylesheets (*.css)</source>
        <translation>Typografiark (*.css)</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Opening {0}…</source>
        <translation>Åbner {0}…</translation>
    </message>
    <message>
        <source>The preview could not be rendered: {error}</source>
        <translation>Forhåndsvisningen kunne ikke dannes: {error}</translation>
    </message>
    <message>
        <source>line {0}: {1}</source>
        <translation>linje {0}: {1}</translation>
    </message>
    <message>
        <source>The front matter could not be read, so it is shown as text: {error}</source>
        <translation>Metadata kunne ikke læses og vises derfor som tekst: {error}</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Udgivet</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Opdateret</translation>
    </message>
    <message>
        <source>In search results</source>
        <translation>I søgeresultater</translation>
    </message>
    <message>
        <source>No title</source>
        <translation>Ingen titel</translation>
    </message>
    <message>
        <source>No text for the image</source>
        <translation>Ingen tekst til billedet</translation>
    </message>
    <message>
        <source>No meta title</source>
        <translation>Ingen metatitel</translation>
    </message>
    <message>
        <source>the renderer stopped ({why}); it restarts with the next edit</source>
        <translation>visningsprocessen stoppede ({why}); den starter igen ved næste ændring</translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <source>{name} ({label}) is required but missing</source>
        <translation>{name} ({label}) skal udfyldes, men mangler</translation>
    </message>
    <message>
        <source>{name} is not in the site&apos;s schema; it is kept as it is</source>
        <translation>{name} er ikke i webstedets skema; feltet bevares, som det er</translation>
    </message>
    <message>
        <source>{name} ({label}) is required but empty</source>
        <translation>{name} ({label}) skal udfyldes, men er tomt</translation>
    </message>
    <message>
        <source>{image} has no alt text: fill in {name}</source>
        <translation>{image} har ingen alternativ tekst: udfyld {name}</translation>
    </message>
    <message>
        <source>{name} is {length} characters; keep it to {limit} (search engines cut the rest)</source>
        <translation>{name} er {length} tegn; hold det på højst {limit} (søgemaskiner skærer resten af)</translation>
    </message>
    <message>
        <source>{name} {url} is not in the site&apos;s public folder</source>
        <translation>{name} {url} findes ikke i webstedets offentlige mappe</translation>
    </message>
    <message>
        <source>{name} has no alt text: add {alt}</source>
        <translation>{name} har ingen alternativ tekst: tilføj {alt}</translation>
    </message>
    <message>
        <source>{name} should be true or false, not {value}</source>
        <translation>{name} skal være true eller false, ikke {value}</translation>
    </message>
    <message>
        <source>{name} should be a number, not {value}</source>
        <translation>{name} skal være et tal, ikke {value}</translation>
    </message>
    <message>
        <source>{name} should be a list</source>
        <translation>{name} skal være en liste</translation>
    </message>
    <message>
        <source>{name} is read as {type} {value}, not text; put it in quotes</source>
        <translation>{name} læses som {type} {value}, ikke som tekst; sæt det i anførselstegn</translation>
    </message>
    <message>
        <source>{name}: {text} is not a real date (there is no day {day} in month {month} of {year})</source>
        <translation>{name}: {text} er ikke en gyldig dato (der er ingen dag {day} i måned {month} i {year})</translation>
    </message>
    <message>
        <source>{name}: {text} is not a date in the form {format}</source>
        <translation>{name}: {text} er ikke en dato på formen {format}</translation>
    </message>
    <message>
        <source>{name} ({date}) is before {earlier_name} ({earlier})</source>
        <translation>{name} ({date}) ligger før {earlier_name} ({earlier})</translation>
    </message>
    <message>
        <source>{flavour} does not nest this item under the item on line {parent}: the site shows it outside that item; indent it by {need} spaces to nest it</source>
        <translation>{flavour} lægger ikke dette punkt ind under punktet i linje {parent}: sitet viser det uden for det punkt; ryk det {need} mellemrum ind for at lægge det under</translation>
    </message>
    <message>
        <source>{flavour} reads this line as text continuing the line above, not as a list item; indent it by {need} spaces to nest it under the item on line {parent}</source>
        <translation>{flavour} læser denne linje som tekst, der fortsætter linjen ovenfor, ikke som et punkt i listen; ryk den {need} mellemrum ind for at lægge den under punktet i linje {parent}</translation>
    </message>
    <message>
        <source>this line has no `&gt;`, but {flavour} continues the quote above with it, so the site shows it inside the quote; start it with `&gt;`, or put a blank line before it to end the quote</source>
        <translation>denne linje har intet `&gt;`, men {flavour} fortsætter citatet ovenfor med den, så sitet viser den inde i citatet; begynd den med `&gt;`, eller sæt en tom linje foran for at afslutte citatet</translation>
    </message>
    <message>
        <source>empty heading: `{markup}` renders as an empty &lt;h{level}&gt;; add its text or remove the line</source>
        <translation>tom overskrift: `{markup}` bliver til en tom &lt;h{level}&gt;; skriv overskriften, eller fjern linjen</translation>
    </message>
    <message>
        <source>this text is indented by four spaces, so it renders as a code block; remove the indentation if it is meant as text</source>
        <translation>teksten er indrykket fire mellemrum og vises derfor som en kodeblok; fjern indrykningen, hvis den skal være almindelig tekst</translation>
    </message>
    <message>
        <source>{url} is an SVG with {hazard}, which a browser runs or fetches when the site serves it</source>
        <translation>{url} er en SVG med {hazard}, som en browser kører eller henter, når sitet viser den</translation>
    </message>
    <message>
        <source>the image {url} has no alt text: describe it in ![…]</source>
        <translation>billedet {url} har ingen alternativ tekst: beskriv det i ![…]</translation>
    </message>
    <message>
        <source>the image {url} is not in the site&apos;s public folder</source>
        <translation>billedet {url} findes ikke i webstedets offentlige mappe</translation>
    </message>
    <message>
        <source>the slug {slug} is also that of {others}: the site can serve only one</source>
        <translation>slug&apos;en {slug} bruges også af {others}: sitet kan kun vise den ene</translation>
    </message>
    <message>
        <source>the link {url} names no article of the site</source>
        <translation>linket {url} peger ikke på nogen artikel på sitet</translation>
    </message>
    <message>
        <source>no article uses the image {name}</source>
        <translation>ingen artikel bruger billedet {name}</translation>
    </message>
    <message>
        <source>the image {url} ({path}) is ignored by .gitignore, so this commit would not hold it: stage it with {command}</source>
        <translation>billedet {url} ({path}) udelades af .gitignore, så denne commit ville ikke indeholde det: tilføj det med {command}</translation>
    </message>
    <message>
        <source>the image {url} ({path}) is neither staged nor tracked, so this commit would not hold it: stage it with {command}</source>
        <translation>billedet {url} ({path}) er hverken tilføjet eller fulgt af git, så denne commit ville ikke indeholde det: tilføj det med {command}</translation>
    </message>
</context>
<context>
    <name>ProblemList</name>
    <message>
        <source>Error</source>
        <translation>Fejl</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advarsel</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Bemærk</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Line</source>
        <translation>Linje</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Recover Unsaved Changes</source>
        <translation>Gendan ændringer, der ikke blev gemt</translation>
    </message>
    <message>
        <source>The editor was closed without saving these articles. Checked ones open with the recovered text as unsaved changes (the files on disk stay as they are); unchecked ones are discarded.</source>
        <translation>Editoren blev lukket, uden at disse artikler blev gemt. De markerede åbnes med den gendannede tekst som ændringer, der ikke er gemt (filerne på disken forbliver, som de er); de umarkerede forkastes.</translation>
    </message>
    <message>
        <source>{0} — kept {1}</source>
        <translation>{0} — bevaret {1}</translation>
    </message>
    <message>
        <source>(the file has changed on disk since)</source>
        <translation>(filen er siden ændret på disken)</translation>
    </message>
    <message>
        <source>&amp;Restore Checked</source>
        <translation>&amp;Gendan markerede</translation>
    </message>
    <message>
        <source>&amp;Discard All</source>
        <translation>&amp;Forkast alle</translation>
    </message>
    <message>
        <source>Decide &amp;Later</source>
        <translation>Beslut &amp;senere</translation>
    </message>
    <message>
        <source>(no file on disk)</source>
        <translation>(ingen fil på disken)</translation>
    </message>
    <message>
        <source>{0} on disk</source>
        <translation>{0} på disken</translation>
    </message>
    <message>
        <source>{0} recovered</source>
        <translation>{0} gendannet</translation>
    </message>
</context>
<context>
    <name>RenderedComparison</name>
    <message>
        <source>Before (HEAD)</source>
        <translation>Før (HEAD)</translation>
    </message>
    <message>
        <source>After (working tree)</source>
        <translation>Efter (arbejdskopien)</translation>
    </message>
    <message>
        <source>Not in HEAD: a new article</source>
        <translation>Ikke i HEAD: en ny artikel</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Slettet</translation>
    </message>
    <message>
        <source>Cannot render this version: {0}</source>
        <translation>Denne version kan ikke vises: {0}</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Review Changes — {0}</source>
        <translation>Gennemse ændringer — {0}</translation>
    </message>
    <message>
        <source>Source changes</source>
        <translation>Ændringer i kilden</translation>
    </message>
    <message>
        <source>Rendered before and after</source>
        <translation>Vist før og efter</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Billede</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Used by</source>
        <translation>Bruges af</translation>
    </message>
    <message>
        <source>&amp;Stage Images</source>
        <translation>&amp;Tilføj billeder</translation>
    </message>
    <message>
        <source>Commit message</source>
        <translation>Commit-besked</translation>
    </message>
    <message>
        <source>&amp;Commit Checked Articles</source>
        <translation>&amp;Commit de markerede artikler</translation>
    </message>
    <message>
        <source>What git and the repository&apos;s hooks print shows here.</source>
        <translation>Det, git og depotets hooks skriver, vises her.</translation>
    </message>
    <message>
        <source>Images a commit would lack, and new images no article uses</source>
        <translation>Billeder, en commit ville mangle, og nye billeder, ingen artikel bruger</translation>
    </message>
    <message>
        <source>Commit (never pushed)</source>
        <translation>Commit (skubbes aldrig)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Opdater</translation>
    </message>
    <message>
        <source>    renamed from {0}</source>
        <translation>    omdøbt fra {0}</translation>
    </message>
    <message>
        <source>    problems: {0}</source>
        <translation>    problemer: {0}</translation>
    </message>
    <message>
        <source>    images git lacks: {0}</source>
        <translation>    billeder, git mangler: {0}</translation>
    </message>
    <message>
        <source>no article</source>
        <translation>ingen artikel</translation>
    </message>
    <message>
        <source>detached HEAD</source>
        <translation>løsrevet HEAD</translation>
    </message>
    <message>
        <source>{0}, no commit yet</source>
        <translation>{0}, endnu ingen commit</translation>
    </message>
    <message>
        <source>Changed articles on {0}: {1}</source>
        <translation>Ændrede artikler på {0}: {1}</translation>
    </message>
    <message>
        <source>images the site would show broken: {0}</source>
        <translation>billeder, sitet ville vise i stykker: {0}</translation>
    </message>
    <message>
        <source>No changed articles</source>
        <translation>Ingen ændrede artikler</translation>
    </message>
    <message>
        <source>Running git commit…</source>
        <translation>Kører git commit…</translation>
    </message>
    <message>
        <source>git printed nothing</source>
        <translation>git skrev intet</translation>
    </message>
    <message>
        <source>Committed.</source>
        <translation>Committet.</translation>
    </message>
    <message>
        <source>Not committed: git or a hook refused.</source>
        <translation>Ikke committet: git eller et hook afviste.</translation>
    </message>
    <message>
        <source>modified</source>
        <translation>ændret</translation>
    </message>
    <message>
        <source>new</source>
        <translation>ny</translation>
    </message>
    <message>
        <source>untracked</source>
        <translation>ikke fulgt</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>slettet</translation>
    </message>
    <message>
        <source>not in git</source>
        <translation>ikke i git</translation>
    </message>
    <message>
        <source>ignored by .gitignore</source>
        <translation>udeladt af .gitignore</translation>
    </message>
    <message>
        <source>missing on disk</source>
        <translation>mangler på disken</translation>
    </message>
    <message>
        <source>staged</source>
        <translation>tilføjet</translation>
    </message>
</context>
<context>
    <name>ReviewLauncher</name>
    <message>
        <source>Open an article of a site first.</source>
        <translation>Åbn først en artikel fra et site.</translation>
    </message>
    <message>
        <source>Review Changes</source>
        <translation>Gennemse ændringer</translation>
    </message>
    <message>
        <source>The open article has unsaved edits: the review shows it as saved on disk.</source>
        <translation>Den åbne artikel har ændringer, der ikke er gemt: gennemsynet viser den, som den er gemt på disken.</translation>
    </message>
    <message>
        <source>detached HEAD</source>
        <translation>løsrevet HEAD</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>uændret</translation>
    </message>
    <message>
        <source>git: {0}</source>
        <translation>git: {0}</translation>
    </message>
    <message>
        <source>Against HEAD on {0}; File &gt; Review Changes shows more</source>
        <translation>I forhold til HEAD på {0}; Filer &gt; Gennemse ændringer viser mere</translation>
    </message>
</context>
<context>
    <name>SiteExtensions</name>
    <message>
        <source>{name} is not loaded: it reads files or the network while rendering</source>
        <translation>{name} indlæses ikke: den læser filer eller netværket, mens den viser teksten</translation>
    </message>
    <message>
        <source>{name} is not loaded: the preview loads only Python-Markdown&apos;s and pymdown-extensions&apos; own extensions</source>
        <translation>{name} indlæses ikke: forhåndsvisningen indlæser kun Python-Markdowns og pymdown-extensions&apos; egne udvidelser</translation>
    </message>
    <message>
        <source>{name}: option {option} names Python code; left at its default</source>
        <translation>{name}: indstillingen {option} henviser til Python-kode og beholder sin standardværdi</translation>
    </message>
    <message>
        <source>{name}: option {option} is not used by the preview</source>
        <translation>{name}: indstillingen {option} bruges ikke af forhåndsvisningen</translation>
    </message>
    <message>
        <source>{name} is left out: {reason}</source>
        <translation>{name} er udeladt: {reason}</translation>
    </message>
</context>
<context>
    <name>SiteFileError</name>
    <message>
        <source>Not saved: {path} would be {size} {unit}, and files over {limit} {unit} cannot be opened</source>
        <translation>Ikke gemt: {path} ville fylde {size} {unit}, og filer over {limit} {unit} kan ikke åbnes</translation>
    </message>
    <message>
        <source>{path} was deleted or moved by another program since it was opened</source>
        <translation>{path} er slettet eller flyttet af et andet program, siden den blev åbnet</translation>
    </message>
    <message>
        <source>Already exists: {path}</source>
        <translation>Findes allerede: {path}</translation>
    </message>
    <message>
        <source>Read-only file: {path}</source>
        <translation>Skrivebeskyttet fil: {path}</translation>
    </message>
    <message>
        <source>{path} was changed by another program since it was opened</source>
        <translation>{path} er ændret af et andet program, siden den blev åbnet</translation>
    </message>
    <message>
        <source>{path} changed on disk since it was read</source>
        <translation>{path} er ændret på disken, siden den blev læst</translation>
    </message>
    <message>
        <source>Cannot move {path} to the trash: {reason}</source>
        <translation>Kan ikke flytte {path} til papirkurven: {reason}</translation>
    </message>
    <message>
        <source>Is a folder, not a file: {path}</source>
        <translation>Er en mappe, ikke en fil: {path}</translation>
    </message>
    <message>
        <source>Not a regular file: {path}</source>
        <translation>Ikke en almindelig fil: {path}</translation>
    </message>
    <message>
        <source>The disk is full: could not write {path}</source>
        <translation>Disken er fuld: {path} kunne ikke skrives</translation>
    </message>
    <message>
        <source>Your disk quota is used up: could not write {path}</source>
        <translation>Din diskkvote er brugt op: {path} kunne ikke skrives</translation>
    </message>
    <message>
        <source>Permission denied: {path}</source>
        <translation>Adgang nægtet: {path}</translation>
    </message>
    <message>
        <source>Folder not found: {path}</source>
        <translation>Mappen findes ikke: {path}</translation>
    </message>
    <message>
        <source>File not found: {path}</source>
        <translation>Filen findes ikke: {path}</translation>
    </message>
    <message>
        <source>Not a folder: part of {path} is a file</source>
        <translation>Ikke en mappe: en del af {path} er en fil</translation>
    </message>
    <message>
        <source>The disk is read-only: could not write {path}</source>
        <translation>Disken er skrivebeskyttet: {path} kunne ikke skrives</translation>
    </message>
    <message>
        <source>The name is too long: {path}</source>
        <translation>Navnet er for langt: {path}</translation>
    </message>
    <message>
        <source>Too many symbolic links: {path}</source>
        <translation>For mange symbolske links: {path}</translation>
    </message>
    <message>
        <source>PNG, JPEG, GIF, WebP, SVG or AVIF</source>
        <translation>PNG, JPEG, GIF, WebP, SVG eller AVIF</translation>
    </message>
    <message>
        <source>a TIFF image</source>
        <translation>et TIFF-billede</translation>
    </message>
    <message>
        <source>a Photoshop file</source>
        <translation>en Photoshop-fil</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>et PDF-dokument</translation>
    </message>
    <message>
        <source>Could not read {name}: {reason}</source>
        <translation>{name} kunne ikke læses: {reason}</translation>
    </message>
    <message>
        <source>{name} is not imported: the site would serve an SVG with {reasons}, which a browser runs or fetches; export it as plain SVG or PNG</source>
        <translation>{name} er ikke importeret: sitet ville vise en SVG med {reasons}, som en browser kører eller henter; eksportér den som ren SVG eller PNG</translation>
    </message>
    <message>
        <source>{name} is {kind}, which browsers cannot show; save it as PNG or JPEG first</source>
        <translation>{name} er {kind}, som browsere ikke kan vise; gem det som PNG eller JPEG først</translation>
    </message>
    <message>
        <source>{name} is a HEIC photo, which most browsers cannot show; save it as JPEG first</source>
        <translation>{name} er et HEIC-foto, som de fleste browsere ikke kan vise; gem det som JPEG først</translation>
    </message>
    <message>
        <source>{name} is not an image ({kinds})</source>
        <translation>{name} er ikke et billede ({kinds})</translation>
    </message>
    <message>
        <source>Another program is saving {path}; try again</source>
        <translation>Et andet program gemmer {path}; prøv igen</translation>
    </message>
    <message>
        <source>{slug} is not a slug: use lower-case letters, digits and hyphens, like {example}</source>
        <translation>{slug} er ikke en slug: brug små bogstaver, tal og bindestreger, som {example}</translation>
    </message>
    <message>
        <source>{path} is a page bundle&apos;s index: rename its folder instead</source>
        <translation>{path} er indekset i en sidemappe: omdøb mappen i stedet</translation>
    </message>
    <message>
        <source>{folder} is not in a git repository</source>
        <translation>{folder} er ikke i et git-depot</translation>
    </message>
    <message>
        <source>{folder} is not in a git work tree</source>
        <translation>{folder} er ikke i en git-arbejdskopi</translation>
    </message>
    <message>
        <source>git is not installed (no git program on PATH)</source>
        <translation>git er ikke installeret (intet git-program på PATH)</translation>
    </message>
</context>
<context>
    <name>SiteProblemsView</name>
    <message>
        <source>File / line</source>
        <translation>Fil / linje</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>{0} problems</source>
        <translation>{0} problemer</translation>
    </message>
    <message>
        <source>1 problem</source>
        <translation>1 problem</translation>
    </message>
    <message>
        <source>{0} files: {1} errors, {2} warnings, {3} notes</source>
        <translation>{0} filer: {1} fejl, {2} advarsler, {3} bemærkninger</translation>
    </message>
</context>
<context>
    <name>SiteSchema</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>The article&apos;s heading.</source>
        <translation>Artiklens overskrift.</translation>
    </message>
    <message>
        <source>Meta title</source>
        <translation>Metatitel</translation>
    </message>
    <message>
        <source>Shown by search engines; they cut it after about 60 characters.</source>
        <translation>Vises af søgemaskiner; de skærer den af efter cirka 60 tegn.</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Udgivet</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>Senest opdateret</translation>
    </message>
    <message>
        <source>Preview image</source>
        <translation>Forhåndsbillede</translation>
    </message>
    <message>
        <source>Shown in article lists and when shared.</source>
        <translation>Vises i artikellister, og når artiklen deles.</translation>
    </message>
    <message>
        <source>Preview image text</source>
        <translation>Tekst til forhåndsbillede</translation>
    </message>
    <message>
        <source>Describes the preview image for people who cannot see it.</source>
        <translation>Beskriver forhåndsbilledet for dem, der ikke kan se det.</translation>
    </message>
</context>
<context>
    <name>SiteSearchDialog</name>
    <message>
        <source>Find in Site</source>
        <translation>Søg i sitet</translation>
    </message>
    <message>
        <source>Text to find (any case)</source>
        <translation>Tekst at søge efter (store og små bogstaver ens)</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Erstat med</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Søg</translation>
    </message>
    <message>
        <source>Replace &amp;All…</source>
        <translation>Erstat &amp;alle…</translation>
    </message>
    <message>
        <source>&amp;Undo Replace</source>
        <translation>&amp;Fortryd erstatning</translation>
    </message>
    <message>
        <source>Article / line</source>
        <translation>Artikel / linje</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Fund</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>Søg:</translation>
    </message>
    <message>
        <source>Replace:</source>
        <translation>Erstat:</translation>
    </message>
    <message>
        <source>Open a site folder to search its articles.</source>
        <translation>Åbn en sitemappe for at søge i dens artikler.</translation>
    </message>
    <message>
        <source>line {0}</source>
        <translation>linje {0}</translation>
    </message>
    <message>
        <source>{0} matches</source>
        <translation>{0} fund</translation>
    </message>
    <message>
        <source> (the first {0} listed)</source>
        <translation> (de første {0} vist)</translation>
    </message>
    <message>
        <source>{0} matches in {1} articles</source>
        <translation>{0} fund i {1} artikler</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>Erstat alle</translation>
    </message>
    <message>
        <source>Replace {0} matches in {1} articles with “{2}”? Show Details lists every change.</source>
        <translation>Erstat {0} fund i {1} artikler med “{2}”? Vis detaljer viser hver ændring.</translation>
    </message>
    <message>
        <source>Some articles were not changed</source>
        <translation>Nogle artikler blev ikke ændret</translation>
    </message>
    <message>
        <source>Some articles were not put back</source>
        <translation>Nogle artikler blev ikke sat tilbage</translation>
    </message>
</context>
<context>
    <name>SiteWorkspace</name>
    <message>
        <source>Indexing the site&apos;s articles…</source>
        <translation>Indekserer sitets artikler…</translation>
    </message>
    <message>
        <source>Opening {0}</source>
        <translation>Åbner {0}</translation>
    </message>
</context>
<context>
    <name>SourceSpelling</name>
    <message>
        <source>Looking for suggestions…</source>
        <translation>Finder forslag …</translation>
    </message>
    <message>
        <source>Add “{0}” to Site Dictionary</source>
        <translation>Føj “{0}” til sidens ordbog</translation>
    </message>
    <message>
        <source>Ignore “{0}”</source>
        <translation>Ignorer “{0}”</translation>
    </message>
    <message>
        <source>No suggestions</source>
        <translation>Ingen forslag</translation>
    </message>
</context>
<context>
    <name>TextFieldEditor</name>
    <message>
        <source>{0} / {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <source>{0} characters over the limit of {1}</source>
        <translation>{0} tegn over grænsen på {1}</translation>
    </message>
    <message>
        <source>{0} characters; keep it to {1}</source>
        <translation>{0} tegn; hold det på højst {1}</translation>
    </message>
</context>
<context>
    <name>ThemeController</name>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation>Følg &amp;systemet</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Lyst</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Mørkt</translation>
    </message>
</context>
<context>
    <name>TodayCalendar</name>
    <message>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message>
        <source>Pick today&apos;s date</source>
        <translation>Vælg dagens dato</translation>
    </message>
</context>
<context>
    <name>WritingTools</name>
    <message>
        <source>Outline</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <source>Check Sp&amp;elling</source>
        <translation>Stave&amp;kontrol</translation>
    </message>
    <message>
        <source>O&amp;utline</source>
        <translation>Dis&amp;position</translation>
    </message>
</context>
</TS>
