<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>{part} ({question}): %n different counts</source>
        <translation>
            <numerusform>{part} ({question}): %n different counts</numerusform>
            <numerusform>{part} ({question}): %n different counts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>nothing new from {pc}: %Ln entry(s) already here</source>
        <translation>
            <numerusform>nothing new from {pc}: %Ln entry already here</numerusform>
            <numerusform>nothing new from {pc}: %Ln entries already here</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new</source>
        <translation>
            <numerusform>%Ln new</numerusform>
            <numerusform>%Ln new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already here</source>
        <translation>
            <numerusform>%Ln already here</numerusform>
            <numerusform>%Ln already here</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln superseded (history only)</source>
        <translation>
            <numerusform>%Ln superseded (history only)</numerusform>
            <numerusform>%Ln superseded (history only)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln in conflict</source>
        <translation>
            <numerusform>%Ln in conflict</numerusform>
            <numerusform>%Ln in conflict</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln held apart</source>
        <translation>
            <numerusform>%Ln held apart</numerusform>
            <numerusform>%Ln held apart</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln held entry(s) now counted</source>
        <translation>
            <numerusform>%Ln held entry now counted</numerusform>
            <numerusform>%Ln held entries now counted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln now held apart</source>
        <translation>
            <numerusform>%Ln now held apart</numerusform>
            <numerusform>%Ln now held apart</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n provisional count(s)</source>
        <translation>
            <numerusform>%n provisional count</numerusform>
            <numerusform>%n provisional counts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to resolve</source>
        <translation>
            <numerusform>%n conflict to resolve</numerusform>
            <numerusform>%n conflicts to resolve</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>✔ confirmed by %n steward(s)</source>
        <translation>
            <numerusform>✔ confirmed by %n steward</numerusform>
            <numerusform>✔ confirmed by %n stewards</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AcceptDialog</name>
    <message numerus="yes">
        <source>Accepted %Ln held entry(s); every PC applies them alike.</source>
        <translation>
            <numerusform>Accepted %Ln held entry; every PC applies them alike.</numerusform>
            <numerusform>Accepted %Ln held entries; every PC applies them alike.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DataSafety</name>
    <message numerus="yes">
        <source>Replace the database with {file} (%Ln entry(s))?

The database as it is now is backed up first. Counts entered after this backup are not in it: import the latest tally files from the other PCs afterwards.</source>
        <translation>
            <numerusform>Replace the database with {file} (%Ln entry)?

The database as it is now is backed up first. Counts entered after this backup are not in it: import the latest tally files from the other PCs afterwards.</numerusform>
            <numerusform>Replace the database with {file} (%Ln entries)?

The database as it is now is backed up first. Counts entered after this backup are not in it: import the latest tally files from the other PCs afterwards.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored {file} (%Ln entry(s)) at {time}.</source>
        <translation>
            <numerusform>Restored {file} (%Ln entry) at {time}.</numerusform>
            <numerusform>Restored {file} (%Ln entries) at {time}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExchangeActions</name>
    <message numerus="yes">
        <source>Exported %Ln entry(s)</source>
        <translation>
            <numerusform>Exported %Ln entry</numerusform>
            <numerusform>Exported %Ln entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>from %Ln steward(s)</source>
        <translation>
            <numerusform>from %Ln steward</numerusform>
            <numerusform>from %Ln stewards</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing %Ln file(s)…</source>
        <translation>
            <numerusform>Importing %Ln file…</numerusform>
            <numerusform>Importing %Ln files…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln conflict(s): resolve…</source>
        <translation>
            <numerusform>%Ln conflict: resolve…</numerusform>
            <numerusform>%Ln conflicts: resolve…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Glance</name>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupChangeDialog</name>
    <message numerus="yes">
        <source>the setup file has %n problem(s); nothing was changed:</source>
        <translation>
            <numerusform>the setup file has %n problem; nothing was changed:</numerusform>
            <numerusform>the setup file has %n problems; nothing was changed:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SharedIndicator</name>
    <message numerus="yes">
        <source>%n file(s) not read yet, trying again</source>
        <translation>
            <numerusform>%n file not read yet, trying again</numerusform>
            <numerusform>%n files not read yet, trying again</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message numerus="yes">
        <source> %Ln earlier count(s) (another day, or a PC&apos;s clock set wrong) lie left of the view.</source>
        <translation>
            <numerusform> %Ln earlier count (another day, or a PC&apos;s clock set wrong) lie left of the view.</numerusform>
            <numerusform> %Ln earlier counts (another day, or a PC&apos;s clock set wrong) lie left of the view.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln count(s) in the order they were recorded (the recording PC&apos;s clock).</source>
        <translation>
            <numerusform>%Ln count in the order they were recorded (the recording PC&apos;s clock).</numerusform>
            <numerusform>%Ln counts in the order they were recorded (the recording PC&apos;s clock).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{union}, running margin of yes over no, %Ln count(s) from {first} to {last}, {days}: {now} now, lowest {low}, highest {high}.</source>
        <translation>
            <numerusform>{union}, running margin of yes over no, %Ln count from {first} to {last}, {days}: {now} now, lowest {low}, highest {high}.</numerusform>
            <numerusform>{union}, running margin of yes over no, %Ln counts from {first} to {last}, {days}: {now} now, lowest {low}, highest {high}.</numerusform>
        </translation>
    </message>
</context>
</TS>
