"""Reads an R .rda (RDX2/RDX3, XDR) holding one data frame and writes it as CSV. R-free."""
import bz2, gzip, lzma, struct, sys, csv, math

def open_any(path):
    raw = open(path, 'rb').read()
    if raw[:3] == b'BZh': return bz2.decompress(raw)
    if raw[:2] == b'\x1f\x8b': return gzip.decompress(raw)
    if raw[:5] == b'\xfd7zXZ': return lzma.decompress(raw)
    return raw

class R:
    def __init__(self, b): self.b, self.p, self.refs = b, 0, []
    def int(self):
        v = struct.unpack('>i', self.b[self.p:self.p+4])[0]; self.p += 4; return v
    def dbl(self):
        v = struct.unpack('>d', self.b[self.p:self.p+8])[0]; self.p += 8; return v
    def bytes(self, n):
        v = self.b[self.p:self.p+n]; self.p += n; return v
    def item(self):
        flags = self.int()
        t = flags & 0xFF; has_attr = flags & (1 << 9); has_tag = flags & (1 << 10)
        if t == 254: return None  # NILVALUE
        if t == 242: return None  # EMPTYENV
        if t == 251: return None  # MISSINGARG
        if t == 253: return ('globalenv',)
        if t == 255:  # REFSXP
            idx = flags >> 8
            if idx == 0: idx = self.int()
            return self.refs[idx - 1]
        if t == 1:  # SYMSXP
            s = self.item(); self.refs.append(s); return s
        if t == 9:  # CHARSXP
            n = self.int()
            return None if n == -1 else self.bytes(n).decode('utf-8', 'replace')
        if t in (2,):  # LISTSXP pairlist
            attr = self.item() if has_attr else None
            tag = self.item() if has_tag else None
            car = self.item(); cdr = self.item()
            out = [(tag, car)]
            if cdr: out += cdr
            return out
        if t in (10, 13):  # LGL, INT
            n = self.int(); v = [self.int() for _ in range(n)]
            v = [None if x == -2147483648 else x for x in v]
        elif t == 14:
            n = self.int(); v = []
            for _ in range(n):
                raw = self.b[self.p:self.p+8]; d = self.dbl()
                v.append(None if math.isnan(d) else d)
        elif t == 16:
            n = self.int(); v = [self.item() for _ in range(n)]
        elif t == 19:
            n = self.int(); v = [self.item() for _ in range(n)]
        else:
            raise ValueError(f'type {t} at {self.p}')
        attrs = dict(self.item()) if has_attr else {}
        return {'type': t, 'v': v, 'attr': attrs}

b = open_any(sys.argv[1])
assert b[:5] in (b'RDX2\n', b'RDX3\n'), b[:5]
r = R(b); r.p = 5
assert r.bytes(2) == b'X\n'
ver = r.int(); r.int(); r.int()
if ver == 3: n = r.int(); r.bytes(n)
top = r.item()
name, df = top[0]
cols = df['attr']['names']['v']
w = csv.writer(open(sys.argv[2], 'w', newline=''), lineterminator='\n')
w.writerow(cols)
n = len(df['v'][0]['v'])
def fmt(x):
    if x is None: return ''
    if isinstance(x, float): return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)
    return str(x)
for i in range(n):
    w.writerow([fmt(c['v'][i]) for c in df['v']])
print(name, len(cols), n, file=sys.stderr)
