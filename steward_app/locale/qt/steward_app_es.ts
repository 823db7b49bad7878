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
</context>
<context>
    <name>AcceptDialog</name>
    <message>
        <source>Entries held apart</source>
        <translation>Entradas apartadas</translation>
    </message>
    <message>
        <source>&amp;Accept the selected entries</source>
        <translation>&amp;Aceptar las entradas seleccionadas</translation>
    </message>
    <message>
        <source>No entries are held apart.</source>
        <translation>No hay entradas apartadas.</translation>
    </message>
    <message>
        <source>Select the entries to accept.</source>
        <translation>Seleccione las entradas que desea aceptar.</translation>
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
        <translation>Cada una de estas unidades tiene dos (o más) recuentos distintos, sin que uno reemplace al otro, así que no tiene total. Compárelos con las hojas de recuento y conserve el correcto o ingrese los números acordados. Su decisión llega a las otras PC con la próxima exportación.</translation>
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
        <translation>por qué: p. ej., se recontó la bandeja del correo con ambos representantes</translation>
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
        <translation>ingresado {time}, entrada {entry}</translation>
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
        <translation>Otra persona ingresa la misma hoja de recuento sin ver la primera entrada; si los números coinciden, la confirman; si difieren, se muestran lado a lado para resolverlo</translation>
    </message>
    <message>
        <source>Name of the steward making the second entry</source>
        <translation>Nombre del representante que hace la segunda entrada</translation>
    </message>
    <message>
        <source>the second steward&apos;s name</source>
        <translation>el nombre del segundo representante</translation>
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
    <message numerus="yes">
        <source>✔ confirmed by %n steward(s)</source>
        <translation>
            <numerusform>✔ confirmado por %n representante</numerusform>
            <numerusform>✔ confirmado por %n representantes</numerusform>
        </translation>
    </message>
    <message>
        <source>Recorded: {counts}</source>
        <translation>Registrado: {counts}</translation>
    </message>
    <message>
        <source>a blind second entry needs the second steward&apos;s name</source>
        <translation>una segunda entrada a ciegas necesita el nombre del segundo representante</translation>
    </message>
    <message>
        <source>{steward} made the first entry: the second entry must be made by another steward</source>
        <translation>{steward} hizo la primera entrada: la segunda debe hacerla otro representante</translation>
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
        <translation>Nom&amp;bres de representante y PC…</translation>
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
        <translation>Entradas desde ahora: {steward} en {pc}</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>¿Restaurar esta copia de seguridad?</translation>
    </message>
    <message>
        <source>Restored {file}</source>
        <translation>Restaurado {file}</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Restaurado</translation>
    </message>
</context>
<context>
    <name>DeclareDialog</name>
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
        <source>State {code}</source>
        <translation>Estado {code}</translation>
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
        <translation>Deshacer quita lo que trajo un archivo (sus entradas nuevas y apartadas) y olvida el archivo, para poder importarlo de nuevo. Las entradas que ya estaban aquí se quedan.</translation>
    </message>
    <message>
        <source>Undo this import?</source>
        <translation>¿Deshacer esta importación?</translation>
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
        <source>Reading the key…</source>
        <translation>Leyendo la clave…</translation>
    </message>
    <message>
        <source>&amp;Copy the lines for the coordinator</source>
        <translation>&amp;Copiar las líneas para la coordinación</translation>
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
        <source>The window will be in {language} the next time it starts.</source>
        <translation>La ventana estará en {language} la próxima vez que se inicie.</translation>
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
        <translation>Nombres de representante y PC</translation>
    </message>
    <message>
        <source>Every count you enter carries your name and this PC&apos;s name, so other stewards see who entered it and where.</source>
        <translation>Cada recuento que ingrese lleva su nombre y el de esta PC, para que los demás representantes vean quién lo ingresó y dónde.</translation>
    </message>
    <message>
        <source> You can change them later in File › Steward and PC names…</source>
        <translation> Puede cambiarlos más tarde en Archivo › Nombres de representante y PC…</translation>
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
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>Restaurar desde una copia de seguridad</translation>
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
        <translation>Coor&amp;dinación</translation>
    </message>
    <message>
        <source>There is no vote yet: create it from the setup file, or import a tally file.</source>
        <translation>Todavía no hay votación: créela desde el archivo de configuración o importe un archivo de resultados.</translation>
    </message>
</context>
<context>
    <name>RosterDialog</name>
    <message>
        <source>Working…</source>
        <translation>Trabajando…</translation>
    </message>
</context>
<context>
    <name>SetupChangeDialog</name>
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
        <source>Sharing results through {folder}</source>
        <translation>Compartiendo resultados a través de {folder}</translation>
    </message>
    <message>
        <source>Results written to the shared folder ({file})</source>
        <translation>Resultados escritos en la carpeta compartida ({file})</translation>
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
        <translation>&amp;Crear una votación desde el archivo de configuración de la coordinación…</translation>
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
        <source>time recorded</source>
        <translation>hora de registro</translation>
    </message>
    <message>
        <source>Running margin chart</source>
        <translation>Gráfico del margen acumulado</translation>
    </message>
    <message>
        <source>Coalition approving membership chart</source>
        <translation>Gráfico de la membresía que aprueba en la coalición</translation>
    </message>
    <message>
        <source> The coalition line is left out for very large votes.</source>
        <translation> La línea de la coalición se omite en votaciones muy grandes.</translation>
    </message>
    <message>
        <source>No counts recorded yet.</source>
        <translation>Todavía no hay recuentos registrados.</translation>
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
        <source>Public key</source>
        <translation>Clave pública</translation>
    </message>
    <message>
        <source>the 52 characters the steward&apos;s PC shows (or a fingerprint)</source>
        <translation>los 52 caracteres que muestra la PC del representante (o una huella)</translation>
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
        <source>Per union (leave blank to use the setting above):</source>
        <translation>Por sindicato (deje en blanco para usar el valor de arriba):</translation>
    </message>
    <message>
        <source>The projection</source>
        <translation>La proyección</translation>
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
    <name>app</name>
    <message>
        <source>{error}. Nothing was opened.</source>
        <translation>{error}. No se abrió nada.</translation>
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
    <name>count_form_parts</name>
    <message>
        <source>(tick “Correction of the current count” below and give the reason)</source>
        <translation>(marque «Corrección del recuento actual» abajo e indique el motivo)</translation>
    </message>
</context>
<context>
    <name>glance</name>
    <message>
        <source>met (decided)</source>
        <translation>cumplida (decidido)</translation>
    </message>
    <message>
        <source>failed (decided)</source>
        <translation>no cumplida (decidido)</translation>
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
        <source>Which report?</source>
        <translation>¿Qué informe?</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>Informe:</translation>
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
    <name>window_start</name>
    <message>
        <source>steward_app is already open</source>
        <translation>steward_app ya está abierto</translation>
    </message>
    <message>
        <source>Database on a network drive</source>
        <translation>Base de datos en una unidad de red</translation>
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
