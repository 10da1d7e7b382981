// A Siemens S7 server (Snap7) for tests and the local plant.
// Usage: node s7-server.js <port> <db>:<bytes> [<db>:<bytes> ...]
// Commands on stdin, one per line, each answered with one line on stdout:
//   W <db> <offset> <hex>   write bytes into a data block       -> OK
//   R <db> <offset> <len>   read bytes from a data block         -> <hex>
const s7 = require('node-snap7');
const readline = require('readline');

const port = parseInt(process.argv[2], 10);
const blocks = {};
const server = new s7.S7Server();
for (const spec of process.argv.slice(3)) {
  const [db, size] = spec.split(':').map((n) => parseInt(n, 10));
  blocks[db] = Buffer.alloc(size);
  server.RegisterArea(server.srvAreaDB, db, blocks[db]);
}
server.SetParam(server.LocalPort, port);
server.StartTo('127.0.0.1', (err) => {
  if (err) {
    console.log('FAILED ' + server.ErrorText(err));
    process.exit(1);
  }
  console.log('READY ' + port);
});

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [op, dbText, offsetText, arg] = line.trim().split(/\s+/);
  const db = parseInt(dbText, 10);
  const offset = parseInt(offsetText, 10);
  const block = blocks[db];
  if (!block) {
    console.log('ERR no DB' + db);
    return;
  }
  try {
    if (op === 'W') {
      const current = server.GetArea(server.srvAreaDB, db);
      Buffer.from(arg, 'hex').copy(current, offset);
      server.SetArea(server.srvAreaDB, db, current);
      console.log('OK');
    } else if (op === 'R') {
      const current = server.GetArea(server.srvAreaDB, db);
      console.log(current.subarray(offset, offset + parseInt(arg, 10)).toString('hex'));
    } else {
      console.log('ERR unknown command ' + op);
    }
  } catch (e) {
    console.log('ERR ' + e.message);
  }
});
process.stdin.on('end', () => { server.Stop(); process.exit(0); });
