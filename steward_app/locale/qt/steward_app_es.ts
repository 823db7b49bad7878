<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name></name>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> y %n más</numerusform>
            <numerusform> y %n más</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n provisional count(s)</source>
        <translation>
            <numerusform>%n recuento provisional</numerusform>
            <numerusform>%n recuentos provisionales</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to resolve</source>
        <translation>
            <numerusform>%n conflicto por resolver</numerusform>
            <numerusform>%n conflictos por resolver</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{part} ({question}): %n different counts</source>
        <translation>
            <numerusform>{part} ({question}): %n recuento distinto</numerusform>
            <numerusform>{part} ({question}): %n recuentos distintos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>nothing new from {pc}: %Ln entry(s) already here</source>
        <translation>
            <numerusform>nada nuevo de {pc}: %Ln registro ya estaba aquí</numerusform>
            <numerusform>nada nuevo de {pc}: %Ln registros ya estaban aquí</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new</source>
        <translation>
            <numerusform>%Ln nuevo</numerusform>
            <numerusform>%Ln nuevos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already here</source>
        <translation>
            <numerusform>%Ln ya estaba aquí</numerusform>
            <numerusform>%Ln ya estaban aquí</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln superseded (history only)</source>
        <translation>
            <numerusform>%Ln reemplazado (solo historial)</numerusform>
            <numerusform>%Ln reemplazados (solo historial)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln in conflict</source>
        <translation>
            <numerusform>%Ln en conflicto</numerusform>
            <numerusform>%Ln en conflicto</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln held apart</source>
        <translation>
            <numerusform>%Ln retenido aparte</numerusform>
            <numerusform>%Ln retenidos aparte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln held entry(s) now counted</source>
        <translation>
            <numerusform>%Ln registro retenido ahora cuenta</numerusform>
            <numerusform>%Ln registros retenidos ahora cuentan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln now held apart</source>
        <translation>
            <numerusform>%Ln ahora retenido aparte</numerusform>
            <numerusform>%Ln ahora retenidos aparte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>✔ confirmed by %n steward(s)</source>
        <translation>
            <numerusform>✔ confirmado por %n delegado/a</numerusform>
            <numerusform>✔ confirmado por %n delegados/as</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AcceptDialog</name>
    <message>
        <source>Held entries</source>
        <translation>Registros retenidos</translation>
    </message>
    <message>
        <source>Entries held apart</source>
        <translation>Registros retenidos aparte</translation>
    </message>
    <message>
        <source>&amp;Accept the selected entries</source>
        <translation>&amp;Aceptar los registros seleccionados</translation>
    </message>
    <message>
        <source>{kind} by {steward} on {pc}: {reason}, {detail} (from {source})</source>
        <translation>{kind} de {steward} en {pc}: {reason}, {detail} (de {source})</translation>
    </message>
    <message>
        <source>No entries are held apart.</source>
        <translation>No hay registros retenidos aparte.</translation>
    </message>
    <message>
        <source>Select the entries to accept.</source>
        <translation>Seleccione los registros que desea aceptar.</translation>
    </message>
    <message numerus="yes">
        <source>Accepted %Ln held entry(s); every PC applies them alike.</source>
        <translation>
            <numerusform>Se aceptó %Ln registro retenido; todas las PC lo aplican por igual.</numerusform>
            <numerusform>Se aceptaron %Ln registros retenidos; todas las PC los aplican por igual.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts — two different counts for one unit</source>
        <translation>Conflictos: dos recuentos distintos para una unidad</translation>
    </message>
    <message>
        <source>Each of these units has two (or more) different counts, neither replacing the other, so it has no total. Compare them with the tally sheets, then keep the right one or enter the agreed numbers. Your decision goes to the other PCs with the next export.</source>
        <translation>Cada una de estas unidades tiene dos (o más) recuentos distintos, sin que uno reemplace al otro, así que no tiene total. Compárelos con las hojas de escrutinio y conserve el correcto o ingrese los números acordados. Su decisión llega a las otras PC con la próxima exportación.</translation>
    </message>
    <message>
        <source>Units in conflict</source>
        <translation>Unidades en conflicto</translation>
    </message>
    <message>
        <source>The counts in conflict, side by side</source>
        <translation>Los recuentos en conflicto, lado a lado</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>why: e.g. recounted the mail tray with both stewards</source>
        <translation>por qué: p. ej., se recontó la bandeja del correo con ambos delegados</translation>
    </message>
    <message>
        <source>&amp;Final</source>
        <translation>De&amp;finitivo</translation>
    </message>
    <message>
        <source>&amp;Confirm the warnings</source>
        <translation>&amp;Confirmar las advertencias</translation>
    </message>
    <message>
        <source>Save the &amp;agreed numbers</source>
        <translation>Guardar los números &amp;acordados</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Motivo (obligatorio):</translation>
    </message>
    <message>
        <source>Or enter the agreed numbers:</source>
        <translation>O ingrese los números acordados:</translation>
    </message>
    <message>
        <source>No conflicts: every unit&apos;s counts agree.</source>
        <translation>Sin conflictos: los recuentos de cada unidad coinciden.</translation>
    </message>
    <message>
        <source>entered {time}, entry {entry}</source>
        <translation>ingresado {time}, registro {entry}</translation>
    </message>
    <message>
        <source>{value}, differs</source>
        <translation>{value}, difiere</translation>
    </message>
    <message>
        <source>Keep this count</source>
        <translation>Conservar este recuento</translation>
    </message>
    <message>
        <source>Keep the count by {steward} on {pc}</source>
        <translation>Conservar el recuento de {steward} en {pc}</translation>
    </message>
    <message>
        <source>Enter at least the yes and no counts you agreed on.</source>
        <translation>Ingrese al menos los votos por el sí y por el no que acordaron.</translation>
    </message>
    <message>
        <source>Give a reason first (e.g. who recounted what): it stays in the history.</source>
        <translation>Indique primero un motivo (p. ej., quién recontó qué): queda en el historial.</translation>
    </message>
    <message>
        <source>Resolved {slot}: {note}.</source>
        <translation>Resuelto {slot}: {note}.</translation>
    </message>
</context>
<context>
    <name>CountForm</name>
    <message>
        <source>E&amp;ligible</source>
        <translation>Con derec&amp;ho a voto</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Sí</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;No</translation>
    </message>
    <message>
        <source>Vo&amp;id</source>
        <translation>Nu&amp;los</translation>
    </message>
    <message>
        <source>&amp;Challenged</source>
        <translation>Im&amp;pugnados</translation>
    </message>
    <message>
        <source>Choose a unit in the tree (arrow keys), then Enter or a digit to enter its count</source>
        <translation>Elija una unidad en el árbol (teclas de flecha) y pulse Intro o un dígito para ingresar su recuento</translation>
    </message>
    <message>
        <source>Enter a count</source>
        <translation>Ingresar un recuento</translation>
    </message>
    <message>
        <source>Part (site or session)</source>
        <translation>Parte (lugar o sesión)</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Registrado</translation>
    </message>
    <message>
        <source>&amp;Part</source>
        <translation>Par&amp;te</translation>
    </message>
    <message>
        <source>&amp;Blind second entry</source>
        <translation>Segunda entrada a &amp;ciegas</translation>
    </message>
    <message>
        <source>A second person enters the same tally sheet without seeing the first entry; equal numbers confirm it, different ones are shown side by side to settle</source>
        <translation>Otra persona ingresa la misma hoja de escrutinio sin ver la primera entrada; si los números coinciden, la confirman; si difieren, se muestran lado a lado para resolverlo</translation>
    </message>
    <message>
        <source>Name of the steward making the second entry</source>
        <translation>Nombre del delegado/a que hace la segunda entrada</translation>
    </message>
    <message>
        <source>the second steward&apos;s name</source>
        <translation>el nombre del segundo delegado/a</translation>
    </message>
    <message>
        <source>Fin&amp;al (not provisional)</source>
        <translation>De&amp;finitivo (no provisional)</translation>
    </message>
    <message>
        <source>C&amp;orrection of the current count</source>
        <translation>C&amp;orrección del recuento actual</translation>
    </message>
    <message>
        <source>Reason for the correction</source>
        <translation>Motivo de la corrección</translation>
    </message>
    <message>
        <source>why it changes, e.g. recounted the mail ballots</source>
        <translation>por qué cambia, p. ej., se recontaron los votos por correo</translation>
    </message>
    <message>
        <source>Second</source>
        <translation>Segundo</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <source>Problems with this count</source>
        <translation>Problemas de este recuento</translation>
    </message>
    <message>
        <source>I checked the &amp;warnings: record it anyway</source>
        <translation>Revisé las adve&amp;rtencias: registrarlo de todos modos</translation>
    </message>
    <message>
        <source>&amp;Save (Enter)</source>
        <translation>&amp;Guardar (Intro)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Cancelar (Esc)</translation>
    </message>
    <message>
        <source>{unit} ({unit_id}), {eligible} eligible</source>
        <translation>{unit} ({unit_id}), {eligible} con derecho a voto</translation>
    </message>
    <message>
        <source>whole unit</source>
        <translation>toda la unidad</translation>
    </message>
    <message>
        <source>What you typed earlier for this unit is back: not saved yet.</source>
        <translation>Volvió lo que escribió antes para esta unidad: aún no está guardado.</translation>
    </message>
    <message>
        <source>Typed and not saved yet: {units}. Choose it to finish.</source>
        <translation>Escrito y aún sin guardar: {units}. Elíjala para terminar.</translation>
    </message>
    <message>
        <source>nothing yet</source>
        <translation>nada todavía</translation>
    </message>
    <message>
        <source>{part}conflict, no total until resolved: Go › Conflicts… (Ctrl+Shift+C), or a correction with a reason:</source>
        <translation>{part}conflicto, sin total hasta resolverlo: Ir › Conflictos… (Ctrl+Shift+C), o una corrección con motivo:</translation>
    </message>
    <message>
        <source>final</source>
        <translation>definitivo</translation>
    </message>
    <message>
        <source>provisional</source>
        <translation>provisional</translation>
    </message>
    <message>
        <source>{yes} yes / {no} no / {void} void ({state}) by {steward} on {pc}</source>
        <translation>{yes} sí / {no} no / {void} nulos ({state}) por {steward} en {pc}</translation>
    </message>
    <message>
        <source> &lt;b&gt;overrides&lt;/b&gt; the count of {steward}</source>
        <translation> &lt;b&gt;reemplaza&lt;/b&gt; el recuento de {steward}</translation>
    </message>
    <message>
        <source>Recorded: {counts}</source>
        <translation>Registrado: {counts}</translation>
    </message>
    <message>
        <source>a blind second entry needs the second steward&apos;s name</source>
        <translation>una segunda entrada a ciegas necesita el nombre del segundo delegado/a</translation>
    </message>
    <message>
        <source>{steward} made the first entry: the second entry must be made by another steward</source>
        <translation>{steward} hizo la primera entrada: la segunda debe hacerla otro delegado/a</translation>
    </message>
    <message>
        <source>a correction needs a reason</source>
        <translation>una corrección necesita un motivo</translation>
    </message>
    <message>
        <source>✘ error</source>
        <translation>✘ error</translation>
    </message>
    <message>
        <source>⚠ warning</source>
        <translation>⚠ advertencia</translation>
    </message>
    <message>
        <source>Not saved: fix the errors listed above.</source>
        <translation>No se guardó: corrija los errores indicados arriba.</translation>
    </message>
    <message>
        <source>Not saved: check the warnings, then tick the box to confirm.</source>
        <translation>No se guardó: revise las advertencias y marque la casilla para confirmar.</translation>
    </message>
    <message>
        <source>Saved: {note}</source>
        <translation>Guardado: {note}</translation>
    </message>
    <message>
        <source>Not saved: {message}</source>
        <translation>No se guardó: {message}</translation>
    </message>
</context>
<context>
    <name>DataSafety</name>
    <message>
        <source>Restore from a &amp;backup…</source>
        <translation>&amp;Restaurar desde una copia de seguridad…</translation>
    </message>
    <message>
        <source>Steward and PC n&amp;ames…</source>
        <translation>Nom&amp;bres de delegado/a y PC…</translation>
    </message>
    <message>
        <source>Today&apos;s backup saved to {file}</source>
        <translation>Copia de seguridad de hoy guardada en {file}</translation>
    </message>
    <message>
        <source>The day&apos;s backup was not made: {error}</source>
        <translation>No se hizo la copia de seguridad del día: {error}</translation>
    </message>
    <message>
        <source>Entries from now on: {steward} on {pc}</source>
        <translation>Registros desde ahora: {steward} en {pc}</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>¿Restaurar esta copia de seguridad?</translation>
    </message>
    <message numerus="yes">
        <source>Replace the database with {file} (%Ln entry(s))?

The database as it is now is backed up first. Counts entered after this backup are not in it: import the latest tally files from the other PCs afterwards.</source>
        <translation>
            <numerusform>¿Reemplazar la base de datos por {file} (%Ln registro)?

Antes se hace una copia de seguridad de la base de datos tal como está. Los recuentos ingresados después de esta copia no están en ella: importe luego los últimos archivos de escrutinio de las otras PC.</numerusform>
            <numerusform>¿Reemplazar la base de datos por {file} (%Ln registros)?

Antes se hace una copia de seguridad de la base de datos tal como está. Los recuentos ingresados después de esta copia no están en ella: importe luego los últimos archivos de escrutinio de las otras PC.</numerusform>
        </translation>
    </message>
    <message>
        <source>The database as it was is saved in {file}.</source>
        <translation>La base de datos tal como estaba se guardó en {file}.</translation>
    </message>
    <message>
        <source>Restored {file}</source>
        <translation>Restaurado {file}</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Restaurado</translation>
    </message>
    <message numerus="yes">
        <source>Restored {file} (%Ln entry(s)) at {time}.</source>
        <translation>
            <numerusform>Se restauró {file} (%Ln registro) a las {time}.</numerusform>
            <numerusform>Se restauró {file} (%Ln registros) a las {time}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeclareDialog</name>
    <message>
        <source>Declare the outcome</source>
        <translation>Declarar el resultado</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Declared by</source>
        <translation>Declarado por</translation>
    </message>
    <message>
        <source>The coalition</source>
        <translation>La coalición</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>where and when it was announced</source>
        <translation>dónde y cuándo se anunció</translation>
    </message>
    <message>
        <source>&amp;Question</source>
        <translation>&amp;Pregunta</translation>
    </message>
    <message>
        <source>&amp;Declared by</source>
        <translation>&amp;Declarado por</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Resultado</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Nota</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>Re&amp;gistrar</translation>
    </message>
    <message>
        <source>Recorded the declared outcome: {outcome}</source>
        <translation>Se registró el resultado declarado: {outcome}</translation>
    </message>
</context>
<context>
    <name>ExchangeActions</name>
    <message>
        <source>Open the conflicts view to resolve them</source>
        <translation>Abra la vista de conflictos para resolverlos</translation>
    </message>
    <message>
        <source>E&amp;xport results…</source>
        <translation>E&amp;xportar resultados…</translation>
    </message>
    <message>
        <source>&amp;Import results…</source>
        <translation>I&amp;mportar resultados…</translation>
    </message>
    <message>
        <source>S&amp;hared folder…</source>
        <translation>Carpeta compar&amp;tida…</translation>
    </message>
    <message>
        <source>&amp;Conflicts…</source>
        <translation>&amp;Conflictos…</translation>
    </message>
    <message>
        <source>&amp;Import history…</source>
        <translation>&amp;Historial de importaciones…</translation>
    </message>
    <message>
        <source>There is no vote to export yet.</source>
        <translation>Todavía no hay una votación que exportar.</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Exportar resultados</translation>
    </message>
    <message>
        <source>Tally files (*.tally);;All files (*)</source>
        <translation>Archivos de escrutinio (*.tally);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Nota: {note}</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln entry(s)</source>
        <translation>
            <numerusform>Se exportó %Ln registro</numerusform>
            <numerusform>Se exportaron %Ln registros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>from %Ln steward(s)</source>
        <translation>
            <numerusform>de %Ln delegado/a</numerusform>
            <numerusform>de %Ln delegados/as</numerusform>
        </translation>
    </message>
    <message>
        <source>to
{file}

It was written whole, read back and checked. State {code}.</source>
        <translation>a
{file}

Se escribió completo, se volvió a leer y se verificó. Estado {code}.</translation>
    </message>
    <message>
        <source>Exported to {file}</source>
        <translation>Exportado a {file}</translation>
    </message>
    <message>
        <source>Results exported</source>
        <translation>Resultados exportados</translation>
    </message>
    <message>
        <source>Exporting to {file}…</source>
        <translation>Exportando a {file}…</translation>
    </message>
    <message>
        <source>Import results from other PCs</source>
        <translation>Importar resultados de otras PC</translation>
    </message>
    <message numerus="yes">
        <source>Importing %Ln file(s)…</source>
        <translation>
            <numerusform>Importando %Ln archivo…</numerusform>
            <numerusform>Importando %Ln archivos…</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Importando</translation>
    </message>
    <message>
        <source>Could not take the dropped file {file}: {error}</source>
        <translation>No se pudo tomar el archivo soltado {file}: {error}</translation>
    </message>
    <message>
        <source>Only {file} was taken from the mail: drag the other attachments one at a time (or save them first)</source>
        <translation>Solo se tomó {file} del correo: arrastre los otros adjuntos de a uno (o guárdelos primero)</translation>
    </message>
    <message>
        <source>State {code}</source>
        <translation>Estado {code}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict(s): resolve…</source>
        <translation>
            <numerusform>%Ln conflicto: resolver…</numerusform>
            <numerusform>%Ln conflictos: resolver…</numerusform>
        </translation>
    </message>
    <message>
        <source>resolution of {unit}</source>
        <translation>resolución de {unit}</translation>
    </message>
    <message>
        <source>last save</source>
        <translation>último guardado</translation>
    </message>
</context>
<context>
    <name>Glance</name>
    <message>
        <source>Coalition verdict: {banner}</source>
        <translation>Veredicto de la coalición: {banner}</translation>
    </message>
    <message>
        <source>Test of the rule</source>
        <translation>Prueba de la regla</translation>
    </message>
    <message>
        <source>So far</source>
        <translation>Hasta ahora</translation>
    </message>
    <message>
        <source>Needed</source>
        <translation>Necesario</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>{test}: so far {so_far}, needed {needed}, {state}</source>
        <translation>{test}: hasta ahora {so_far}, necesario {needed}, {state}</translation>
    </message>
    <message>
        <source>Tests of the coalition rule: {tests}</source>
        <translation>Pruebas de la regla de la coalición: {tests}</translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> y %n más</numerusform>
            <numerusform> y %n más</numerusform>
        </translation>
    </message>
    <message>
        <source>. Missing: {units}</source>
        <translation>. Faltan: {units}</translation>
    </message>
    <message>
        <source>: every unit has reported</source>
        <translation>: todas las unidades informaron</translation>
    </message>
    <message>
        <source>; missing: {units}</source>
        <translation>; faltan: {units}</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Import history — the files imported on this PC</source>
        <translation>Historial de importaciones: los archivos importados en esta PC</translation>
    </message>
    <message>
        <source>Imported files, newest first</source>
        <translation>Archivos importados, los más recientes primero</translation>
    </message>
    <message>
        <source>&amp;Undo this import…</source>
        <translation>&amp;Deshacer esta importación…</translation>
    </message>
    <message>
        <source>Undo takes out what one file brought (its new and held entries) and forgets the file, so it can be imported again. Entries that were already here stay.</source>
        <translation>Deshacer quita lo que trajo un archivo (sus registros nuevos y retenidos) y olvida el archivo, para poder importarlo de nuevo. Los registros que ya estaban aquí se quedan.</translation>
    </message>
    <message>
        <source>Undo this import?</source>
        <translation>¿Deshacer esta importación?</translation>
    </message>
    <message>
        <source>Take out what {file} brought ({new} new and {held} held entries) and forget the file? It can be imported again later.</source>
        <translation>¿Quitar lo que trajo {file} ({new} registros nuevos y {held} retenidos) y olvidar el archivo? Se puede volver a importar más tarde.</translation>
    </message>
    <message>
        <source>Undid the import of {file}: {removed} entries and {held} held entries taken out. The file can be imported again.</source>
        <translation>Se deshizo la importación de {file}: se quitaron {removed} registros y {held} registros retenidos. El archivo se puede volver a importar.</translation>
    </message>
</context>
<context>
    <name>ImportResults</name>
    <message>
        <source>Import results</source>
        <translation>Importar resultados</translation>
    </message>
    <message>
        <source>What each file brought</source>
        <translation>Lo que trajo cada archivo</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <source>This PC&apos;s key</source>
        <translation>La clave de esta PC</translation>
    </message>
    <message>
        <source>Reading the key…</source>
        <translation>Leyendo la clave…</translation>
    </message>
    <message>
        <source>&amp;Copy the lines for the coordinator</source>
        <translation>&amp;Copiar las líneas para el coordinador</translation>
    </message>
</context>
<context>
    <name>LaneDialog</name>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
</context>
<context>
    <name>LanguageDialog</name>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The &amp;language of the window and its reports:</source>
        <translation>El &amp;idioma de la ventana y sus informes:</translation>
    </message>
    <message>
        <source>The system&apos;s language ({language})</source>
        <translation>El idioma del sistema ({language})</translation>
    </message>
    <message>
        <source>The window changes language the next time steward_app starts.</source>
        <translation>La ventana cambia de idioma la próxima vez que se inicie steward_app.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening {path}…</source>
        <translation>Abriendo {path}…</translation>
    </message>
    <message>
        <source>The coalition against its rule</source>
        <translation>La coalición frente a su regla</translation>
    </message>
    <message>
        <source>My union</source>
        <translation>Mi sindicato</translation>
    </message>
    <message>
        <source>My union in words</source>
        <translation>Mi sindicato en palabras</translation>
    </message>
    <message>
        <source>Standings: the coalition and the union charts</source>
        <translation>Situación: los gráficos de la coalición y del sindicato</translation>
    </message>
    <message>
        <source>Standings, evening and what-if</source>
        <translation>Situación, la noche y qué pasaría si</translation>
    </message>
    <message>
        <source>Standings</source>
        <translation>Situación</translation>
    </message>
    <message>
        <source>Enter a count</source>
        <translation>Ingresar un recuento</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;New vote from setup file…</source>
        <translation>&amp;Nueva votación desde un archivo de configuración…</translation>
    </message>
    <message>
        <source>Load the &amp;demo vote</source>
        <translation>Cargar la votación de &amp;demostración</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>&amp;Vista previa de impresión…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>Exportar &amp;PDF…</translation>
    </message>
    <message>
        <source>Save coalition chart as PN&amp;G…</source>
        <translation>Guardar el gráfico de la coalición como PN&amp;G…</translation>
    </message>
    <message>
        <source>&amp;Copy coalition chart</source>
        <translation>&amp;Copiar el gráfico de la coalición</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edición</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Acercar</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>A&amp;lejar</translation>
    </message>
    <message>
        <source>&amp;Normal size</source>
        <translation>Tamaño &amp;normal</translation>
    </message>
    <message>
        <source>&amp;Language…</source>
        <translation>&amp;Idioma…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>The &amp;tree of unions and units</source>
        <translation>El á&amp;rbol de sindicatos y unidades</translation>
    </message>
    <message>
        <source>&amp;Enter a count (the selected unit)</source>
        <translation>&amp;Ingresar un recuento (la unidad seleccionada)</translation>
    </message>
    <message>
        <source>Next &amp;unreported unit</source>
        <translation>Siguiente &amp;unidad sin informar</translation>
    </message>
    <message>
        <source>&amp;Standings</source>
        <translation>&amp;Situación</translation>
    </message>
    <message>
        <source>E&amp;vening</source>
        <translation>La &amp;noche</translation>
    </message>
    <message>
        <source>&amp;What if</source>
        <translation>&amp;Qué pasaría si</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About steward_app</source>
        <translation>&amp;Acerca de steward_app</translation>
    </message>
    <message>
        <source>Opened {path}</source>
        <translation>Abierto {path}</translation>
    </message>
    <message>
        <source> — PRACTICE</source>
        <translation> — PRÁCTICA</translation>
    </message>
    <message>
        <source>All unions</source>
        <translation>Todos los sindicatos</translation>
    </message>
    <message>
        <source>Saved {slot}: {note}</source>
        <translation>Guardado {slot}: {note}</translation>
    </message>
    <message>
        <source>last save</source>
        <translation>último guardado</translation>
    </message>
    <message>
        <source>Choose a unit in the tree first.</source>
        <translation>Elija primero una unidad en el árbol.</translation>
    </message>
    <message>
        <source>Every unit has reported.</source>
        <translation>Todas las unidades informaron.</translation>
    </message>
    <message>
        <source>About steward_app</source>
        <translation>Acerca de steward_app</translation>
    </message>
</context>
<context>
    <name>NamesDialog</name>
    <message>
        <source>Steward and PC names</source>
        <translation>Nombres de delegado/a y PC</translation>
    </message>
    <message>
        <source>Every count you enter carries your name and this PC&apos;s name, so other stewards see who entered it and where.</source>
        <translation>Cada recuento que ingrese lleva su nombre y el de esta PC, para que los demás delegados vean quién lo ingresó y dónde.</translation>
    </message>
    <message>
        <source> You can change them later in File › Steward and PC names…</source>
        <translation> Puede cambiarlos más tarde en Archivo › Nombres de delegado/a y PC…</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Su nombre</translation>
    </message>
    <message>
        <source>This PC&apos;s name</source>
        <translation>El nombre de esta PC</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Su nombre:</translation>
    </message>
    <message>
        <source>This &amp;PC&apos;s name:</source>
        <translation>El nombre de esta &amp;PC:</translation>
    </message>
</context>
<context>
    <name>ReportActions</name>
    <message>
        <source>PDF written: {file}</source>
        <translation>PDF escrito: {file}</translation>
    </message>
</context>
<context>
    <name>ReportChoice</name>
    <message>
        <source>Which report?</source>
        <translation>¿Qué informe?</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Informe</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>&amp;Informe:</translation>
    </message>
    <message>
        <source>Language of the report</source>
        <translation>Idioma del informe</translation>
    </message>
    <message>
        <source>&amp;Language of the report:</source>
        <translation>I&amp;dioma del informe:</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>Restaurar desde una copia de seguridad</translation>
    </message>
    <message>
        <source>Backups of {file} in {folder}, newest first. The database as it is now is backed up before it is replaced.</source>
        <translation>Copias de seguridad de {file} en {folder}, las más recientes primero. Antes de reemplazarla, se hace una copia de seguridad de la base de datos tal como está.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <source>(no backups yet in this folder)</source>
        <translation>(todavía no hay copias de seguridad en esta carpeta)</translation>
    </message>
    <message>
        <source>Choose a &amp;file…</source>
        <translation>Elegir un &amp;archivo…</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurar</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Elija una copia de seguridad</translation>
    </message>
    <message>
        <source>steward_app databases (*.sqlite);;All files (*)</source>
        <translation>Bases de datos de steward_app (*.sqlite);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>RosterActions</name>
    <message>
        <source>This PC&apos;s &amp;key…</source>
        <translation>&amp;Clave de esta PC…</translation>
    </message>
    <message>
        <source>Coordina&amp;tor</source>
        <translation>Coor&amp;dinador</translation>
    </message>
    <message>
        <source>&amp;List a steward&apos;s key…</source>
        <translation>&amp;Registrar la clave de un delegado/a…</translation>
    </message>
    <message>
        <source>&amp;Held entries and accepting them…</source>
        <translation>Registros re&amp;tenidos y su aceptación…</translation>
    </message>
    <message>
        <source>&amp;Change the setup…</source>
        <translation>&amp;Cambiar la configuración…</translation>
    </message>
    <message>
        <source>&amp;Declare the outcome…</source>
        <translation>&amp;Declarar el resultado…</translation>
    </message>
    <message>
        <source>There is no vote yet: create it from the setup file, or import a tally file.</source>
        <translation>Todavía no hay votación: créela desde el archivo de configuración o importe un archivo de escrutinio.</translation>
    </message>
</context>
<context>
    <name>RosterDialog</name>
    <message>
        <source>Working…</source>
        <translation>Trabajando…</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
</context>
<context>
    <name>SetupChangeDialog</name>
    <message>
        <source>Change the setup</source>
        <translation>Cambiar la configuración</translation>
    </message>
    <message>
        <source>Corrected setup file</source>
        <translation>Archivo de configuración corregido</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Elegir…</translation>
    </message>
    <message>
        <source>Corrected &amp;setup file</source>
        <translation>Archivo de &amp;configuración corregido</translation>
    </message>
    <message>
        <source>C&amp;hange the setup</source>
        <translation>Cam&amp;biar la configuración</translation>
    </message>
    <message>
        <source>The corrected setup file</source>
        <translation>El archivo de configuración corregido</translation>
    </message>
    <message>
        <source>Setup files (*.toml);;All (*)</source>
        <translation>Archivos de configuración (*.toml);;Todos (*)</translation>
    </message>
    <message>
        <source>Choose the corrected setup file.</source>
        <translation>Elija el archivo de configuración corregido.</translation>
    </message>
    <message>
        <source>cannot read {file}: {error}</source>
        <translation>no se puede leer {file}: {error}</translation>
    </message>
    <message>
        <source>{file} is not UTF-8 text; save it as UTF-8</source>
        <translation>{file} no es texto UTF-8; guárdelo como UTF-8</translation>
    </message>
    <message numerus="yes">
        <source>the setup file has %n problem(s); nothing was changed:</source>
        <translation>
            <numerusform>el archivo de configuración tiene %n problema; no se cambió nada:</numerusform>
            <numerusform>el archivo de configuración tiene %n problemas; no se cambió nada:</numerusform>
        </translation>
    </message>
    <message>
        <source>The setup is changed; other PCs receive it with this PC&apos;s next export.</source>
        <translation>La configuración cambió; las otras PC la reciben con la próxima exportación de esta PC.</translation>
    </message>
</context>
<context>
    <name>SharedFolder</name>
    <message>
        <source>Could not keep the shared folder setting: {error}</source>
        <translation>No se pudo guardar la carpeta compartida configurada: {error}</translation>
    </message>
    <message>
        <source>Could not write to the shared folder {folder}: {error}</source>
        <translation>No se pudo escribir en la carpeta compartida {folder}: {error}</translation>
    </message>
    <message>
        <source>. Trying again in {wait}</source>
        <translation>. Se reintentará en {wait}</translation>
    </message>
    <message>
        <source>Could not import {file} from the shared folder yet ({why}). Trying again in {wait}</source>
        <translation>Todavía no se pudo importar {file} de la carpeta compartida ({why}). Se reintentará en {wait}</translation>
    </message>
    <message>
        <source>Could not import {file}: {error}</source>
        <translation>No se pudo importar {file}: {error}</translation>
    </message>
    <message>
        <source>Could not import from the shared folder {folder}: {error}</source>
        <translation>No se pudo importar de la carpeta compartida {folder}: {error}</translation>
    </message>
</context>
<context>
    <name>SharedFolderActions</name>
    <message>
        <source>Shared folder</source>
        <translation>Carpeta compartida</translation>
    </message>
    <message>
        <source>Shared folder: {folder}</source>
        <translation>Carpeta compartida: {folder}</translation>
    </message>
    <message>
        <source>No shared folder is set.</source>
        <translation>No hay una carpeta compartida configurada.</translation>
    </message>
    <message>
        <source>With a shared folder (a network drive, a synced folder), this PC writes its results there after each change and imports the other PCs&apos; files as they appear. The database itself stays on this PC.</source>
        <translation>Con una carpeta compartida (una unidad de red, una carpeta sincronizada), esta PC escribe allí sus resultados después de cada cambio e importa los archivos de las otras PC a medida que aparecen. La base de datos se queda en esta PC.</translation>
    </message>
    <message>
        <source>&amp;Choose a folder…</source>
        <translation>&amp;Elegir una carpeta…</translation>
    </message>
    <message>
        <source>&amp;Stop sharing</source>
        <translation>&amp;Dejar de compartir</translation>
    </message>
    <message>
        <source>Choose the shared folder</source>
        <translation>Elija la carpeta compartida</translation>
    </message>
    <message>
        <source>This is the database&apos;s own folder. Choose another folder for sharing: the database stays on this PC and only results files go to the shared folder.</source>
        <translation>Esta es la carpeta de la propia base de datos. Elija otra carpeta para compartir: la base de datos se queda en esta PC y solo los archivos de resultados van a la carpeta compartida.</translation>
    </message>
    <message>
        <source>Shared folder cleared: results are no longer written or picked up.</source>
        <translation>Carpeta compartida quitada: ya no se escriben ni se recogen resultados.</translation>
    </message>
    <message>
        <source>{folder} is not used: {reason}</source>
        <translation>No se usa {folder}: {reason}</translation>
    </message>
    <message>
        <source>Sharing results through {folder}</source>
        <translation>Compartiendo resultados a través de {folder}</translation>
    </message>
    <message>
        <source>cannot read {folder}: {error}</source>
        <translation>no se puede leer {folder}: {error}</translation>
    </message>
    <message>
        <source>Results written to the shared folder ({file})</source>
        <translation>Resultados escritos en la carpeta compartida ({file})</translation>
    </message>
</context>
<context>
    <name>SharedIndicator</name>
    <message>
        <source>no shared folder</source>
        <translation>sin carpeta compartida</translation>
    </message>
    <message>
        <source>File › Shared folder… to share results with other PCs</source>
        <translation>Archivo › Carpeta compartida… para compartir resultados con otras PC</translation>
    </message>
    <message>
        <source>shared: last file from {pcs}</source>
        <translation>compartida: último archivo de {pcs}</translation>
    </message>
    <message>
        <source>shared: no file from another PC yet</source>
        <translation>compartida: aún no hay archivos de otra PC</translation>
    </message>
    <message>
        <source>Shared folder {folder}
Last file from each PC:
{files}</source>
        <translation>Carpeta compartida {folder}
Último archivo de cada PC:
{files}</translation>
    </message>
    <message>
        <source>this PC&apos;s file not written yet, trying again</source>
        <translation>el archivo de esta PC aún no se escribió, se reintentará</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) not read yet, trying again</source>
        <translation>
            <numerusform>%n archivo aún sin leer, se reintentará</numerusform>
            <numerusform>%n archivos aún sin leer, se reintentará</numerusform>
        </translation>
    </message>
    <message>
        <source>this PC</source>
        <translation>esta PC</translation>
    </message>
    <message>
        <source>⚠ shared folder: {problem}</source>
        <translation>⚠ carpeta compartida: {problem}</translation>
    </message>
    <message>
        <source>a problem</source>
        <translation>un problema</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>&lt;h1&gt;steward_app&lt;/h1&gt;&lt;p&gt;No vote in this database yet.&lt;/p&gt;</source>
        <translation>&lt;h1&gt;steward_app&lt;/h1&gt;&lt;p&gt;Esta base de datos todavía no tiene votación.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open the &amp;demo vote (a 15-union coalition, modelled on 2011)</source>
        <translation>Abrir la votación de de&amp;mostración (una coalición de 15 sindicatos, basada en 2011)</translation>
    </message>
    <message>
        <source>&amp;Create a vote from the coordinator&apos;s setup file…</source>
        <translation>&amp;Crear una votación desde el archivo de configuración del coordinador…</translation>
    </message>
    <message>
        <source>&amp;Import a results file from another PC (to join its vote)…</source>
        <translation>Im&amp;portar un archivo de resultados de otra PC (para unirse a su votación)…</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>The evening as it unfolded</source>
        <translation>La noche tal como transcurrió</translation>
    </message>
    <message>
        <source>margin (yes − no)</source>
        <translation>margen (sí − no)</translation>
    </message>
    <message>
        <source>approving membership (%)</source>
        <translation>afiliados a favor (%)</translation>
    </message>
    <message>
        <source>time recorded</source>
        <translation>hora de registro</translation>
    </message>
    <message>
        <source>Running margin chart</source>
        <translation>Gráfico del margen acumulado</translation>
    </message>
    <message>
        <source>Coalition approving membership chart</source>
        <translation>Gráfico de los afiliados a favor en la coalición</translation>
    </message>
    <message>
        <source>tie: yes = no</source>
        <translation>empate: sí = no</translation>
    </message>
    <message>
        <source>{union}: running margin</source>
        <translation>{union}: margen acumulado</translation>
    </message>
    <message>
        <source>Coalition: membership of unions decided to approve</source>
        <translation>Coalición: afiliados de los sindicatos que decidieron aprobar</translation>
    </message>
    <message>
        <source>time recorded, {days}</source>
        <translation>hora de registro, {days}</translation>
    </message>
    <message numerus="yes">
        <source> %Ln earlier count(s) (another day, or a PC&apos;s clock set wrong) lie left of the view.</source>
        <translation>
            <numerusform> %Ln recuento anterior (otro día, o el reloj de una PC mal configurado) queda a la izquierda de la vista.</numerusform>
            <numerusform> %Ln recuentos anteriores (otro día, o el reloj de una PC mal configurado) quedan a la izquierda de la vista.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln count(s) in the order they were recorded (the recording PC&apos;s clock).</source>
        <translation>
            <numerusform>%Ln recuento en el orden en que se registró (el reloj de la PC que lo registró).</numerusform>
            <numerusform>%Ln recuentos en el orden en que se registraron (el reloj de la PC que los registró).</numerusform>
        </translation>
    </message>
    <message>
        <source> The coalition line is left out for very large votes.</source>
        <translation> La línea de la coalición se omite en votaciones muy grandes.</translation>
    </message>
    <message>
        <source>{union}: no counts recorded yet.</source>
        <translation>{union}: todavía no hay recuentos registrados.</translation>
    </message>
    <message>
        <source>No counts recorded yet.</source>
        <translation>Todavía no hay recuentos registrados.</translation>
    </message>
    <message numerus="yes">
        <source>{union}, running margin of yes over no, %Ln count(s) from {first} to {last}, {days}: {now} now, lowest {low}, highest {high}.</source>
        <translation>
            <numerusform>{union}, margen acumulado del sí sobre el no, %Ln recuento de {first} a {last}, {days}: {now} ahora, mínimo {low}, máximo {high}.</numerusform>
            <numerusform>{union}, margen acumulado del sí sobre el no, %Ln recuentos de {first} a {last}, {days}: {now} ahora, mínimo {low}, máximo {high}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Coalition membership of unions decided to approve: {share} now</source>
        <translation>Afiliados de la coalición en sindicatos que decidieron aprobar: {share} ahora</translation>
    </message>
    <message>
        <source>Coalition membership of unions decided to approve: not shown.</source>
        <translation>Afiliados de la coalición en sindicatos que decidieron aprobar: no se muestra.</translation>
    </message>
</context>
<context>
    <name>TreePane</name>
    <message>
        <source>Coalition, unions and units</source>
        <translation>Coalición, sindicatos y unidades</translation>
    </message>
    <message>
        <source>Show union</source>
        <translation>Mostrar sindicato</translation>
    </message>
    <message>
        <source>Show one union in the tree, or all of them</source>
        <translation>Mostrar un sindicato en el árbol, o todos</translation>
    </message>
    <message>
        <source>Which unions the tree shows</source>
        <translation>Qué sindicatos muestra el árbol</translation>
    </message>
    <message>
        <source>Next &amp;unreported unit</source>
        <translation>Siguiente &amp;unidad sin informar</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <source>List a steward&apos;s key</source>
        <translation>Registrar la clave de un delegado/a</translation>
    </message>
    <message>
        <source>Public key</source>
        <translation>Clave pública</translation>
    </message>
    <message>
        <source>the 52 characters the steward&apos;s PC shows (or a fingerprint)</source>
        <translation>los 52 caracteres que muestra la PC del delegado/a (o una huella)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Unions this key reports for</source>
        <translation>Sindicatos por los que informa esta clave</translation>
    </message>
    <message>
        <source>Public &amp;key</source>
        <translation>&amp;Clave pública</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;Unions</source>
        <translation>&amp;Sindicatos</translation>
    </message>
    <message>
        <source>&amp;List the key</source>
        <translation>&amp;Registrar la clave</translation>
    </message>
    <message>
        <source>Give the key, a name and at least one union.</source>
        <translation>Indique la clave, un nombre y al menos un sindicato.</translation>
    </message>
    <message>
        <source>Listed {name} ({key}) for {unions}: a setup change that every PC receives with this PC&apos;s next export. Their held entries now apply here.</source>
        <translation>Se registró a {name} ({key}) para {unions}: un cambio de configuración que todas las PC reciben con la próxima exportación de esta PC. Sus registros retenidos ya se aplican aquí.</translation>
    </message>
</context>
<context>
    <name>UndoActions</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>Redone: {step}</source>
        <translation>Rehecho: {step}</translation>
    </message>
    <message>
        <source>Undone: {step}</source>
        <translation>Deshecho: {step}</translation>
    </message>
    <message>
        <source>last redo</source>
        <translation>último rehacer</translation>
    </message>
    <message>
        <source>last undo</source>
        <translation>último deshacer</translation>
    </message>
</context>
<context>
    <name>VoteActions</name>
    <message>
        <source>Replace the vote with the demo?</source>
        <translation>¿Reemplazar la votación por la de demostración?</translation>
    </message>
    <message>
        <source>This database holds the vote “{title}”. Replace it and its counts with the demo vote (a practice vote)? A backup copy is saved first.</source>
        <translation>Esta base de datos tiene la votación «{title}». ¿Reemplazarla junto con sus recuentos por la votación de demostración (una votación de práctica)? Antes se guarda una copia de seguridad.</translation>
    </message>
    <message>
        <source>Create a vote from a setup file</source>
        <translation>Crear una votación desde un archivo de configuración</translation>
    </message>
    <message>
        <source>Setup files (*.toml);;All files (*)</source>
        <translation>Archivos de configuración (*.toml);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Replace the vote?</source>
        <translation>¿Reemplazar la votación?</translation>
    </message>
    <message>
        <source>This database already holds a vote. Replace it? A backup copy is saved first.</source>
        <translation>Esta base de datos ya tiene una votación. ¿Reemplazarla? Antes se guarda una copia de seguridad.</translation>
    </message>
</context>
<context>
    <name>WhatIfPanel</name>
    <message>
        <source>Assumed turnout of members still to vote</source>
        <translation>Participación supuesta de los miembros que aún no votan</translation>
    </message>
    <message>
        <source>Assumed yes share of their votes</source>
        <translation>Proporción supuesta de sí en sus votos</translation>
    </message>
    <message>
        <source>Turnout of those still to vote</source>
        <translation>Participación de quienes aún no votan</translation>
    </message>
    <message>
        <source>Their yes share</source>
        <translation>Su proporción de sí</translation>
    </message>
    <message>
        <source>Union</source>
        <translation>Sindicato</translation>
    </message>
    <message>
        <source>Turnout %</source>
        <translation>Participación %</translation>
    </message>
    <message>
        <source>Yes %</source>
        <translation>Sí %</translation>
    </message>
    <message>
        <source>Select all assumptions</source>
        <translation>Seleccionar todos los supuestos</translation>
    </message>
    <message>
        <source>Per-union assumptions (blank: the setting above)</source>
        <translation>Supuestos por sindicato (en blanco: el valor de arriba)</translation>
    </message>
    <message>
        <source>PROJECTION — not a result</source>
        <translation>PROYECCIÓN: no es un resultado</translation>
    </message>
    <message>
        <source>Projected: the coalition against its rule</source>
        <translation>Proyectado: la coalición frente a su regla</translation>
    </message>
    <message>
        <source>Per union (leave blank to use the setting above):</source>
        <translation>Por sindicato (deje en blanco para usar el valor de arriba):</translation>
    </message>
    <message>
        <source>The projection</source>
        <translation>La proyección</translation>
    </message>
    <message>
        <source>If so, the coalition: {outcome}</source>
        <translation>En ese caso, la coalición: {outcome}</translation>
    </message>
    <message>
        <source>{approving} of {unions} unions would approve.</source>
        <translation>{approving} de {unions} sindicatos aprobarían.</translation>
    </message>
    <message>
        <source>Not approving: </source>
        <translation>No aprueban: </translation>
    </message>
</context>
<context>
    <name>WindowContext</name>
    <message>
        <source>steward_app</source>
        <translation>steward_app</translation>
    </message>
</context>
<context>
    <name>WindowStatus</name>
    <message>
        <source>Working</source>
        <translation>Trabajando</translation>
    </message>
    <message>
        <source>no save yet</source>
        <translation>nada guardado aún</translation>
    </message>
    <message>
        <source>database: {name}</source>
        <translation>base de datos: {name}</translation>
    </message>
</context>
<context>
    <name>WindowTabs</name>
    <message>
        <source>(a message about the counts is hidden during the blind second entry)</source>
        <translation>(un mensaje sobre los recuentos queda oculto durante la segunda entrada a ciegas)</translation>
    </message>
</context>
<context>
    <name>about</name>
    <message>
        <source>Database: {path}</source>
        <translation>Base de datos: {path}</translation>
    </message>
    <message>
        <source>Backups: {folder}</source>
        <translation>Copias de seguridad: {folder}</translation>
    </message>
    <message>
        <source>Data folder: {folder}</source>
        <translation>Carpeta de datos: {folder}</translation>
    </message>
    <message>
        <source>Logs: {folder}</source>
        <translation>Registros: {folder}</translation>
    </message>
    <message>
        <source>Licence: GPL-3.0-or-later, free software with no warranty; the full text is in {file}</source>
        <translation>Licencia: GPL-3.0-or-later, software libre sin garantía; el texto completo está en {file}</translation>
    </message>
    <message>
        <source>The report font, DejaVu Sans, is under the Bitstream Vera licence with DejaVu&apos;s changes in the public domain: {file}</source>
        <translation>La fuente de los informes, DejaVu Sans, está bajo la licencia Bitstream Vera, con los cambios de DejaVu en el dominio público: {file}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>{error}. Nothing was opened.</source>
        <translation>{error}. No se abrió nada.</translation>
    </message>
    <message>
        <source>--demo opens a fresh practice copy of the demo vote each time, in a folder of its own; it cannot be combined with --db. To practise in a database of your own, start with --db PATH alone and choose File › Load the demo vote. Nothing was opened.</source>
        <translation>--demo abre cada vez una copia nueva de práctica de la votación de demostración, en una carpeta propia; no se puede combinar con --db. Para practicar en una base de datos propia, inicie solo con --db RUTA y elija Archivo › Cargar la votación de demostración. No se abrió nada.</translation>
    </message>
</context>
<context>
    <name>chart_actions</name>
    <message>
        <source>&amp;Copy chart</source>
        <translation>&amp;Copiar el gráfico</translation>
    </message>
    <message>
        <source>&amp;Save chart as PNG…</source>
        <translation>&amp;Guardar el gráfico como PNG…</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>Guardar el gráfico</translation>
    </message>
    <message>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <source>steward_app</source>
        <translation>steward_app</translation>
    </message>
    <message>
        <source>Could not write {path}; choose another place.</source>
        <translation>No se pudo escribir {path}; elija otro lugar.</translation>
    </message>
</context>
<context>
    <name>coalition_tree_model</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Turnout</source>
        <translation>Participación</translation>
    </message>
    <message>
        <source>each unit decides</source>
        <translation>cada unidad decide</translation>
    </message>
    <message>
        <source>hidden: blind entry open</source>
        <translation>oculto: entrada a ciegas abierta</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>⚠ conflict</source>
        <translation>⚠ conflicto</translation>
    </message>
    <message>
        <source>○ not reported</source>
        <translation>○ sin informar</translation>
    </message>
</context>
<context>
    <name>conflicts_view</name>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Nulos</translation>
    </message>
    <message>
        <source>Challenged</source>
        <translation>Impugnados</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Con derecho</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Definitivo</translation>
    </message>
    <message>
        <source>Steward</source>
        <translation>Delegado/a</translation>
    </message>
    <message>
        <source>PC</source>
        <translation>PC</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>whole unit</source>
        <translation>toda la unidad</translation>
    </message>
    <message>
        <source>part {part}</source>
        <translation>parte {part}</translation>
    </message>
    <message>
        <source>final</source>
        <translation>definitivo</translation>
    </message>
    <message>
        <source>provisional</source>
        <translation>provisional</translation>
    </message>
</context>
<context>
    <name>count_form_parts</name>
    <message>
        <source>(tick “Correction of the current count” below and give the reason)</source>
        <translation>(marque «Corrección del recuento actual» abajo e indique el motivo)</translation>
    </message>
</context>
<context>
    <name>exchange_work</name>
    <message>
        <source>The state code of what this PC holds. Equal codes on two PCs mean identical data: the same counts and the same standings. Read them aloud at the end of the night.</source>
        <translation>El código de estado de lo que tiene esta PC. Códigos iguales en dos PC significan datos idénticos: los mismos recuentos y la misma situación. Léanlos en voz alta al final de la noche.</translation>
    </message>
    <message>
        <source>already imported before; nothing changed. </source>
        <translation>ya se había importado; no cambió nada. </translation>
    </message>
    <message>
        <source>joined the vote from {pc}. Coordinator&apos;s key {key}: compare it with the coordinator&apos;s printed sheet. {counts}</source>
        <translation>se unió a la votación desde {pc}. Clave del coordinador {key}: compárela con la hoja impresa del coordinador. {counts}</translation>
    </message>
    <message>
        <source>from {pc}: {counts}</source>
        <translation>de {pc}: {counts}</translation>
    </message>
    <message>
        <source>not imported: cancelled, nothing from it was written</source>
        <translation>no se importó: cancelado, no se escribió nada de él</translation>
    </message>
    <message>
        <source>refused ({code}): {error}</source>
        <translation>rechazado ({code}): {error}</translation>
    </message>
    <message>
        <source>not imported yet, nothing from it was written: {error}</source>
        <translation>aún no se importó, no se escribió nada de él: {error}</translation>
    </message>
</context>
<context>
    <name>glance</name>
    <message>
        <source>met (decided)</source>
        <translation>cumplida (decidida)</translation>
    </message>
    <message>
        <source>failed (decided)</source>
        <translation>fallida (decidida)</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierta</translation>
    </message>
    <message>
        <source>Must still approve for the coalition to ratify: {unions}.</source>
        <translation>Aún deben aprobar para que la coalición ratifique: {unions}.</translation>
    </message>
    <message>
        <source>No single union decides it alone: see the tests above.</source>
        <translation>Ningún sindicato lo decide por sí solo: vea las pruebas de arriba.</translation>
    </message>
    <message>
        <source>leaning approve</source>
        <translation>tiende a aprobar</translation>
    </message>
    <message>
        <source>leaning reject</source>
        <translation>tiende a rechazar</translation>
    </message>
    <message>
        <source>each unit decides on its own</source>
        <translation>cada unidad decide por su cuenta</translation>
    </message>
    <message>
        <source>PENDING</source>
        <translation>PENDIENTE</translation>
    </message>
    <message>
        <source>NOT DECIDED</source>
        <translation>SIN DECIDIR</translation>
    </message>
    <message>
        <source>RATIFIED</source>
        <translation>RATIFICADO</translation>
    </message>
    <message>
        <source>ON {counts}, NOT FINAL</source>
        <translation>CON {counts}, NO DEFINITIVO</translation>
    </message>
    <message>
        <source>DECIDED</source>
        <translation>DECIDIDO</translation>
    </message>
    <message>
        <source>{reported} of {units} units reported</source>
        <translation>{reported} de {units} unidades informaron</translation>
    </message>
</context>
<context>
    <name>import_history</name>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevos</translation>
    </message>
    <message>
        <source>Already here</source>
        <translation>Ya estaban</translation>
    </message>
    <message>
        <source>Held apart</source>
        <translation>Retenidos</translation>
    </message>
    <message>
        <source>Can be undone</source>
        <translation>Se puede deshacer</translation>
    </message>
    <message>
        <source>id {id}</source>
        <translation>id {id}</translation>
    </message>
    <message>
        <source>; cannot be undone: {why}</source>
        <translation>; no se puede deshacer: {why}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no: {why}</source>
        <translation>no: {why}</translation>
    </message>
</context>
<context>
    <name>language_dialog</name>
    <message>
        <source>The window will be in {language} the next time it starts.</source>
        <translation>La ventana estará en {language} la próxima vez que se inicie.</translation>
    </message>
</context>
<context>
    <name>palette</name>
    <message>
        <source>approved</source>
        <translation>aprobado</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>abstained</source>
        <translation>abstención</translation>
    </message>
    <message>
        <source>split</source>
        <translation>dividido</translation>
    </message>
    <message>
        <source>not in effect</source>
        <translation>sin efecto</translation>
    </message>
    <message>
        <source>{symbol} {outcome}, decided</source>
        <translation>{symbol} {outcome}, decidido</translation>
    </message>
    <message>
        <source>{symbol} {outcome} on provisional counts, not final</source>
        <translation>{symbol} {outcome} con recuentos provisionales, no definitivo</translation>
    </message>
    <message>
        <source>{symbol} {outcome} (provisional)</source>
        <translation>{symbol} {outcome} (provisional)</translation>
    </message>
</context>
<context>
    <name>print_actions</name>
    <message>
        <source>Coalition summary</source>
        <translation>Resumen de la coalición</translation>
    </message>
    <message>
        <source>Union notice (the selected union)</source>
        <translation>Aviso al sindicato (el sindicato seleccionado)</translation>
    </message>
    <message>
        <source>Tally sheets (every unit)</source>
        <translation>Hojas de escrutinio (todas las unidades)</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Exportar PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>steward_app</source>
        <translation>steward_app</translation>
    </message>
    <message>
        <source>The report could not be made: {error}</source>
        <translation>No se pudo hacer el informe: {error}</translation>
    </message>
</context>
<context>
    <name>restore_dialog</name>
    <message>
        <source>daily</source>
        <translation>diaria</translation>
    </message>
    <message>
        <source>made by a steward</source>
        <translation>hecha por un delegado/a</translation>
    </message>
    <message>
        <source>before an import</source>
        <translation>antes de una importación</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>antes de una restauración</translation>
    </message>
    <message>
        <source>before the vote was replaced</source>
        <translation>antes de reemplazar la votación</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>antes de una actualización</translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation>{size} KB</translation>
    </message>
</context>
<context>
    <name>roster_dialogs</name>
    <message>
        <source>This PC&apos;s key for &quot;{steward}&quot; on &quot;{pc}&quot;:</source>
        <translation>La clave de esta PC para «{steward}» en «{pc}»:</translation>
    </message>
    <message>
        <source>Fingerprint: {fingerprint}</source>
        <translation>Huella: {fingerprint}</translation>
    </message>
    <message>
        <source>Public key: {key}</source>
        <translation>Clave pública: {key}</translation>
    </message>
    <message>
        <source>Key file: {file}</source>
        <translation>Archivo de la clave: {file}</translation>
    </message>
    <message>
        <source>No vote yet. Give the public key to the coordinator for the setup&apos;s list.</source>
        <translation>Todavía no hay votación. Entregue la clave pública al coordinador para la lista de la configuración.</translation>
    </message>
    <message>
        <source>This is the coordinator&apos;s key of this vote.</source>
        <translation>Esta es la clave del coordinador de esta votación.</translation>
    </message>
    <message>
        <source>Listed by the coordinator as {name}, for {unions}.</source>
        <translation>Registrada por el coordinador como {name}, para {unions}.</translation>
    </message>
    <message>
        <source>This vote&apos;s setup lists no keys: any key may report.</source>
        <translation>La configuración de esta votación no registra claves: cualquier clave puede informar.</translation>
    </message>
    <message>
        <source>Not on the coordinator&apos;s list: other PCs hold this key&apos;s entries apart.</source>
        <translation>No está en la lista del coordinador: las otras PC retienen aparte los registros de esta clave.</translation>
    </message>
</context>
<context>
    <name>shared_folder</name>
    <message>
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
</context>
<context>
    <name>shared_reading</name>
    <message>
        <source>cannot read the shared folder {folder}: {error}</source>
        <translation>no se puede leer la carpeta compartida {folder}: {error}</translation>
    </message>
    <message>
        <source>not imported</source>
        <translation>no importado</translation>
    </message>
</context>
<context>
    <name>shared_setting</name>
    <message>
        <source>The shared folder {folder} set on this PC is not used for a practice vote (File › Shared folder… to choose one for it).</source>
        <translation>La carpeta compartida {folder} configurada en esta PC no se usa para una votación de práctica (Archivo › Carpeta compartida… para elegir una).</translation>
    </message>
    <message>
        <source>The shared folder {folder} was not used: {reason}</source>
        <translation>No se usó la carpeta compartida {folder}: {reason}</translation>
    </message>
    <message>
        <source>The shared folder {folder} now belongs to this vote (kept in its database).</source>
        <translation>La carpeta compartida {folder} ahora pertenece a esta votación (guardada en su base de datos).</translation>
    </message>
    <message>
        <source>it holds real (official) counts: {files}. A practice vote never shares a folder with real (official) counts: choose another folder.</source>
        <translation>contiene recuentos reales (oficiales): {files}. Una votación de práctica nunca comparte carpeta con recuentos reales (oficiales): elija otra carpeta.</translation>
    </message>
    <message>
        <source>it holds practice counts: {files}. An official vote never shares a folder with practice counts: choose another folder.</source>
        <translation>contiene recuentos de práctica: {files}. Una votación oficial nunca comparte carpeta con recuentos de práctica: elija otra carpeta.</translation>
    </message>
</context>
<context>
    <name>timeline_chart</name>
    <message>
        <source>{first} to {last}</source>
        <translation>{first} a {last}</translation>
    </message>
</context>
<context>
    <name>undo_actions</name>
    <message>
        <source>count</source>
        <translation>recuento</translation>
    </message>
    <message>
        <source>second entry by {steward}</source>
        <translation>segunda entrada de {steward}</translation>
    </message>
    <message>
        <source>resolution</source>
        <translation>resolución</translation>
    </message>
    <message>
        <source>correction</source>
        <translation>corrección</translation>
    </message>
    <message>
        <source>{what} of {unit} ({unit_id}{part}): {yes} yes / {no} no</source>
        <translation>{what} de {unit} ({unit_id}{part}): {yes} sí / {no} no</translation>
    </message>
</context>
<context>
    <name>window_context</name>
    <message>
        <source>The setup file has problems; nothing was changed:</source>
        <translation>El archivo de configuración tiene problemas; no se cambió nada:</translation>
    </message>
    <message>
        <source>Something went wrong: {error}. Nothing typed was lost.</source>
        <translation>Algo salió mal: {error}. No se perdió nada de lo escrito.</translation>
    </message>
</context>
<context>
    <name>window_start</name>
    <message>
        <source>another steward_app</source>
        <translation>otro steward_app</translation>
    </message>
    <message>
        <source>steward_app is already open</source>
        <translation>steward_app ya está abierto</translation>
    </message>
    <message>
        <source>The database {database} is already open in {program}, which does not answer.

Switch to that window. If it is frozen, close it (or end it in the Task Manager) and start steward_app again. To open another vote side by side, start it with --db and another database file.</source>
        <translation>La base de datos {database} ya está abierta en {program}, que no responde.

Vaya a esa ventana. Si está congelada, ciérrela (o finalícela en el Administrador de tareas) e inicie steward_app de nuevo. Para abrir otra votación al mismo tiempo, inícielo con --db y otro archivo de base de datos.</translation>
    </message>
    <message>
        <source>Not imported: {files}. Import them in that window with File › Import results… once it answers.</source>
        <translation>No importado: {files}. Impórtelos en esa ventana con Archivo › Importar resultados… cuando responda.</translation>
    </message>
    <message>
        <source>Database on a network drive</source>
        <translation>Base de datos en una unidad de red</translation>
    </message>
    <message>
        <source>{database} is in {place}. The database must stay on this PC&apos;s own disk, in a folder nothing else copies: on a network drive a dropped connection or two PCs at once can damage it, and a sync client can copy it half-written.

Choose a place on this PC for it. To share results with other PCs, use File › Export into the shared folder instead.</source>
        <translation>{database} está en {place}. La base de datos debe quedarse en el disco propio de esta PC, en una carpeta que nada más copie: en una unidad de red, una conexión caída o dos PC a la vez pueden dañarla, y un cliente de sincronización puede copiarla a medio escribir.

Elija un lugar en esta PC para ella. Para compartir resultados con otras PC, use en cambio Archivo › Exportar a la carpeta compartida.</translation>
    </message>
    <message>
        <source>Choose a &amp;local place…</source>
        <translation>Elegir un lugar &amp;local…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>A place on this PC for the database</source>
        <translation>Un lugar en esta PC para la base de datos</translation>
    </message>
    <message>
        <source>steward_app databases (*.sqlite)</source>
        <translation>Bases de datos de steward_app (*.sqlite)</translation>
    </message>
</context>
<context>
    <name>window_tabs</name>
    <message>
        <source>Evening</source>
        <translation>La noche</translation>
    </message>
    <message>
        <source>What if</source>
        <translation>Qué pasaría si</translation>
    </message>
    <message>
        <source>no votes counted yet. </source>
        <translation>todavía no hay votos contados. </translation>
    </message>
    <message>
        <source>{union}: hidden</source>
        <translation>{union}: oculto</translation>
    </message>
    <message>
        <source>A blind second entry is open for one of its units: its numbers are hidden until that entry is saved or cancelled.</source>
        <translation>Hay una segunda entrada a ciegas abierta para una de sus unidades: sus números quedan ocultos hasta que esa entrada se guarde o se cancele.</translation>
    </message>
    <message>
        <source>needs {rule}</source>
        <translation>necesita {rule}</translation>
    </message>
    <message>
        <source> yes</source>
        <comment>after a number of yes votes</comment>
        <translation> sí</translation>
    </message>
</context>
</TS>
