// duckdb.mjs -- run SQL statements with DuckDB (@duckdb/node-api) for make
// bench; prints the rows of the last statement.  Threads from DUCKDB_THREADS.
import { DuckDBInstance } from '@duckdb/node-api';

const threads = process.env.DUCKDB_THREADS || '2';
const inst = await DuckDBInstance.create(':memory:', { threads });
const con = await inst.connect();
let last;
for (const sql of process.argv.slice(2))
	last = await con.runAndReadAll(sql);
if (last)
	for (const row of last.getRows())
		console.log(row.map(String).join('\t'));
