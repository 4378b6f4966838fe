import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/@protobufjs/aspromise/index.js
var require_aspromise = __commonJS({
  "node_modules/@protobufjs/aspromise/index.js"(exports, module) {
    "use strict";
    module.exports = asPromise;
    function asPromise(fn, ctx) {
      var params = new Array(arguments.length - 1), offset = 0, index2 = 2, pending = true;
      while (index2 < arguments.length)
        params[offset++] = arguments[index2++];
      return new Promise(function executor(resolve, reject) {
        params[offset] = function callback(err) {
          if (pending) {
            pending = false;
            if (err)
              reject(err);
            else {
              var params2 = new Array(arguments.length - 1), offset2 = 0;
              while (offset2 < params2.length)
                params2[offset2++] = arguments[offset2];
              resolve.apply(null, params2);
            }
          }
        };
        try {
          fn.apply(ctx || null, params);
        } catch (err) {
          if (pending) {
            pending = false;
            reject(err);
          }
        }
      });
    }
  }
});

// node_modules/@protobufjs/base64/index.js
var require_base64 = __commonJS({
  "node_modules/@protobufjs/base64/index.js"(exports) {
    "use strict";
    var base64 = exports;
    base64.length = function length(string) {
      var p = string.length;
      if (!p)
        return 0;
      var n = 0;
      while (--p % 4 > 1 && string.charAt(p) === "=")
        ++n;
      return Math.ceil(string.length * 3) / 4 - n;
    };
    var b64 = new Array(64);
    var s64 = new Array(123);
    for (i = 0; i < 64; )
      s64[b64[i] = i < 26 ? i + 65 : i < 52 ? i + 71 : i < 62 ? i - 4 : i - 59 | 43] = i++;
    var i;
    base64.encode = function encode(buffer, start, end) {
      var parts = null, chunk = [];
      var i2 = 0, j = 0, t;
      while (start < end) {
        var b = buffer[start++];
        switch (j) {
          case 0:
            chunk[i2++] = b64[b >> 2];
            t = (b & 3) << 4;
            j = 1;
            break;
          case 1:
            chunk[i2++] = b64[t | b >> 4];
            t = (b & 15) << 2;
            j = 2;
            break;
          case 2:
            chunk[i2++] = b64[t | b >> 6];
            chunk[i2++] = b64[b & 63];
            j = 0;
            break;
        }
        if (i2 > 8191) {
          (parts || (parts = [])).push(String.fromCharCode.apply(String, chunk));
          i2 = 0;
        }
      }
      if (j) {
        chunk[i2++] = b64[t];
        chunk[i2++] = 61;
        if (j === 1)
          chunk[i2++] = 61;
      }
      if (parts) {
        if (i2)
          parts.push(String.fromCharCode.apply(String, chunk.slice(0, i2)));
        return parts.join("");
      }
      return String.fromCharCode.apply(String, chunk.slice(0, i2));
    };
    var invalidEncoding = "invalid encoding";
    base64.decode = function decode(string, buffer, offset) {
      var start = offset;
      var j = 0, t;
      for (var i2 = 0; i2 < string.length; ) {
        var c = string.charCodeAt(i2++);
        if (c === 61 && j > 1)
          break;
        if ((c = s64[c]) === void 0)
          throw Error(invalidEncoding);
        switch (j) {
          case 0:
            t = c;
            j = 1;
            break;
          case 1:
            buffer[offset++] = t << 2 | (c & 48) >> 4;
            t = c;
            j = 2;
            break;
          case 2:
            buffer[offset++] = (t & 15) << 4 | (c & 60) >> 2;
            t = c;
            j = 3;
            break;
          case 3:
            buffer[offset++] = (t & 3) << 6 | c;
            j = 0;
            break;
        }
      }
      if (j === 1)
        throw Error(invalidEncoding);
      return offset - start;
    };
    base64.test = function test(string) {
      return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(string);
    };
  }
});

// node_modules/@protobufjs/eventemitter/index.js
var require_eventemitter = __commonJS({
  "node_modules/@protobufjs/eventemitter/index.js"(exports, module) {
    "use strict";
    module.exports = EventEmitter;
    function EventEmitter() {
      this._listeners = /* @__PURE__ */ Object.create(null);
    }
    EventEmitter.prototype.on = function on(evt, fn, ctx) {
      (this._listeners[evt] || (this._listeners[evt] = [])).push({
        fn,
        ctx: ctx || this
      });
      return this;
    };
    EventEmitter.prototype.off = function off(evt, fn) {
      if (evt === void 0)
        this._listeners = /* @__PURE__ */ Object.create(null);
      else {
        if (fn === void 0)
          this._listeners[evt] = [];
        else {
          var listeners = this._listeners[evt];
          if (!listeners)
            return this;
          for (var i = 0; i < listeners.length; )
            if (listeners[i].fn === fn)
              listeners.splice(i, 1);
            else
              ++i;
        }
      }
      return this;
    };
    EventEmitter.prototype.emit = function emit(evt) {
      var listeners = this._listeners[evt];
      if (listeners) {
        var args = [], i = 1;
        for (; i < arguments.length; )
          args.push(arguments[i++]);
        for (i = 0; i < listeners.length; )
          listeners[i].fn.apply(listeners[i++].ctx, args);
      }
      return this;
    };
  }
});

// node_modules/@protobufjs/float/index.js
var require_float = __commonJS({
  "node_modules/@protobufjs/float/index.js"(exports, module) {
    "use strict";
    module.exports = factory(factory);
    function factory(exports2) {
      if (typeof Float32Array !== "undefined") (function() {
        var f32 = new Float32Array([-0]), f8b = new Uint8Array(f32.buffer), le = f8b[3] === 128;
        function writeFloat_f32_cpy(val, buf, pos) {
          f32[0] = val;
          buf[pos] = f8b[0];
          buf[pos + 1] = f8b[1];
          buf[pos + 2] = f8b[2];
          buf[pos + 3] = f8b[3];
        }
        function writeFloat_f32_rev(val, buf, pos) {
          f32[0] = val;
          buf[pos] = f8b[3];
          buf[pos + 1] = f8b[2];
          buf[pos + 2] = f8b[1];
          buf[pos + 3] = f8b[0];
        }
        exports2.writeFloatLE = le ? writeFloat_f32_cpy : writeFloat_f32_rev;
        exports2.writeFloatBE = le ? writeFloat_f32_rev : writeFloat_f32_cpy;
        function readFloat_f32_cpy(buf, pos) {
          f8b[0] = buf[pos];
          f8b[1] = buf[pos + 1];
          f8b[2] = buf[pos + 2];
          f8b[3] = buf[pos + 3];
          return f32[0];
        }
        function readFloat_f32_rev(buf, pos) {
          f8b[3] = buf[pos];
          f8b[2] = buf[pos + 1];
          f8b[1] = buf[pos + 2];
          f8b[0] = buf[pos + 3];
          return f32[0];
        }
        exports2.readFloatLE = le ? readFloat_f32_cpy : readFloat_f32_rev;
        exports2.readFloatBE = le ? readFloat_f32_rev : readFloat_f32_cpy;
      })();
      else (function() {
        function writeFloat_ieee754(writeUint, val, buf, pos) {
          var sign = val < 0 ? 1 : 0;
          if (sign)
            val = -val;
          if (val === 0)
            writeUint(1 / val > 0 ? (
              /* positive */
              0
            ) : (
              /* negative 0 */
              2147483648
            ), buf, pos);
          else if (isNaN(val))
            writeUint(2143289344, buf, pos);
          else if (val > 34028234663852886e22)
            writeUint((sign << 31 | 2139095040) >>> 0, buf, pos);
          else if (val < 11754943508222875e-54)
            writeUint((sign << 31 | Math.round(val / 1401298464324817e-60)) >>> 0, buf, pos);
          else {
            var exponent = Math.floor(Math.log(val) / Math.LN2), mantissa = Math.round(val * Math.pow(2, -exponent) * 8388608) & 8388607;
            writeUint((sign << 31 | exponent + 127 << 23 | mantissa) >>> 0, buf, pos);
          }
        }
        exports2.writeFloatLE = writeFloat_ieee754.bind(null, writeUintLE);
        exports2.writeFloatBE = writeFloat_ieee754.bind(null, writeUintBE);
        function readFloat_ieee754(readUint, buf, pos) {
          var uint = readUint(buf, pos), sign = (uint >> 31) * 2 + 1, exponent = uint >>> 23 & 255, mantissa = uint & 8388607;
          return exponent === 255 ? mantissa ? NaN : sign * Infinity : exponent === 0 ? sign * 1401298464324817e-60 * mantissa : sign * Math.pow(2, exponent - 150) * (mantissa + 8388608);
        }
        exports2.readFloatLE = readFloat_ieee754.bind(null, readUintLE);
        exports2.readFloatBE = readFloat_ieee754.bind(null, readUintBE);
      })();
      if (typeof Float64Array !== "undefined") (function() {
        var f64 = new Float64Array([-0]), f8b = new Uint8Array(f64.buffer), le = f8b[7] === 128;
        function writeDouble_f64_cpy(val, buf, pos) {
          f64[0] = val;
          buf[pos] = f8b[0];
          buf[pos + 1] = f8b[1];
          buf[pos + 2] = f8b[2];
          buf[pos + 3] = f8b[3];
          buf[pos + 4] = f8b[4];
          buf[pos + 5] = f8b[5];
          buf[pos + 6] = f8b[6];
          buf[pos + 7] = f8b[7];
        }
        function writeDouble_f64_rev(val, buf, pos) {
          f64[0] = val;
          buf[pos] = f8b[7];
          buf[pos + 1] = f8b[6];
          buf[pos + 2] = f8b[5];
          buf[pos + 3] = f8b[4];
          buf[pos + 4] = f8b[3];
          buf[pos + 5] = f8b[2];
          buf[pos + 6] = f8b[1];
          buf[pos + 7] = f8b[0];
        }
        exports2.writeDoubleLE = le ? writeDouble_f64_cpy : writeDouble_f64_rev;
        exports2.writeDoubleBE = le ? writeDouble_f64_rev : writeDouble_f64_cpy;
        function readDouble_f64_cpy(buf, pos) {
          f8b[0] = buf[pos];
          f8b[1] = buf[pos + 1];
          f8b[2] = buf[pos + 2];
          f8b[3] = buf[pos + 3];
          f8b[4] = buf[pos + 4];
          f8b[5] = buf[pos + 5];
          f8b[6] = buf[pos + 6];
          f8b[7] = buf[pos + 7];
          return f64[0];
        }
        function readDouble_f64_rev(buf, pos) {
          f8b[7] = buf[pos];
          f8b[6] = buf[pos + 1];
          f8b[5] = buf[pos + 2];
          f8b[4] = buf[pos + 3];
          f8b[3] = buf[pos + 4];
          f8b[2] = buf[pos + 5];
          f8b[1] = buf[pos + 6];
          f8b[0] = buf[pos + 7];
          return f64[0];
        }
        exports2.readDoubleLE = le ? readDouble_f64_cpy : readDouble_f64_rev;
        exports2.readDoubleBE = le ? readDouble_f64_rev : readDouble_f64_cpy;
      })();
      else (function() {
        function writeDouble_ieee754(writeUint, off0, off1, val, buf, pos) {
          var sign = val < 0 ? 1 : 0;
          if (sign)
            val = -val;
          if (val === 0) {
            writeUint(0, buf, pos + off0);
            writeUint(1 / val > 0 ? (
              /* positive */
              0
            ) : (
              /* negative 0 */
              2147483648
            ), buf, pos + off1);
          } else if (isNaN(val)) {
            writeUint(0, buf, pos + off0);
            writeUint(2146959360, buf, pos + off1);
          } else if (val > 17976931348623157e292) {
            writeUint(0, buf, pos + off0);
            writeUint((sign << 31 | 2146435072) >>> 0, buf, pos + off1);
          } else {
            var mantissa;
            if (val < 22250738585072014e-324) {
              mantissa = val / 5e-324;
              writeUint(mantissa >>> 0, buf, pos + off0);
              writeUint((sign << 31 | mantissa / 4294967296) >>> 0, buf, pos + off1);
            } else {
              var exponent = Math.floor(Math.log(val) / Math.LN2);
              if (exponent === 1024)
                exponent = 1023;
              mantissa = val * Math.pow(2, -exponent);
              writeUint(mantissa * 4503599627370496 >>> 0, buf, pos + off0);
              writeUint((sign << 31 | exponent + 1023 << 20 | mantissa * 1048576 & 1048575) >>> 0, buf, pos + off1);
            }
          }
        }
        exports2.writeDoubleLE = writeDouble_ieee754.bind(null, writeUintLE, 0, 4);
        exports2.writeDoubleBE = writeDouble_ieee754.bind(null, writeUintBE, 4, 0);
        function readDouble_ieee754(readUint, off0, off1, buf, pos) {
          var lo = readUint(buf, pos + off0), hi = readUint(buf, pos + off1);
          var sign = (hi >> 31) * 2 + 1, exponent = hi >>> 20 & 2047, mantissa = 4294967296 * (hi & 1048575) + lo;
          return exponent === 2047 ? mantissa ? NaN : sign * Infinity : exponent === 0 ? sign * 5e-324 * mantissa : sign * Math.pow(2, exponent - 1075) * (mantissa + 4503599627370496);
        }
        exports2.readDoubleLE = readDouble_ieee754.bind(null, readUintLE, 0, 4);
        exports2.readDoubleBE = readDouble_ieee754.bind(null, readUintBE, 4, 0);
      })();
      return exports2;
    }
    function writeUintLE(val, buf, pos) {
      buf[pos] = val & 255;
      buf[pos + 1] = val >>> 8 & 255;
      buf[pos + 2] = val >>> 16 & 255;
      buf[pos + 3] = val >>> 24;
    }
    function writeUintBE(val, buf, pos) {
      buf[pos] = val >>> 24;
      buf[pos + 1] = val >>> 16 & 255;
      buf[pos + 2] = val >>> 8 & 255;
      buf[pos + 3] = val & 255;
    }
    function readUintLE(buf, pos) {
      return (buf[pos] | buf[pos + 1] << 8 | buf[pos + 2] << 16 | buf[pos + 3] << 24) >>> 0;
    }
    function readUintBE(buf, pos) {
      return (buf[pos] << 24 | buf[pos + 1] << 16 | buf[pos + 2] << 8 | buf[pos + 3]) >>> 0;
    }
  }
});

// node_modules/@protobufjs/utf8/index.js
var require_utf8 = __commonJS({
  "node_modules/@protobufjs/utf8/index.js"(exports) {
    "use strict";
    var utf8 = exports;
    var replacementCharCode = 65533;
    utf8.length = function utf8_length(string) {
      var len = 0, c = 0;
      for (var i = 0; i < string.length; ++i) {
        c = string.charCodeAt(i);
        if (c < 128)
          len += 1;
        else if (c < 2048)
          len += 2;
        else if ((c & 64512) === 55296 && (string.charCodeAt(i + 1) & 64512) === 56320) {
          ++i;
          len += 4;
        } else
          len += 3;
      }
      return len;
    };
    utf8.read = function utf8_read(buffer, start, end) {
      if (end - start < 1)
        return "";
      var parts = null, chunk = [], i = 0, t, t2, c2, c3;
      while (start < end) {
        t = buffer[start++];
        if (t <= 127) {
          chunk[i++] = t;
        } else if (t >= 192 && t < 224) {
          c2 = (t & 31) << 6 | buffer[start++] & 63;
          chunk[i++] = c2 >= 128 ? c2 : replacementCharCode;
        } else if (t >= 224 && t < 240) {
          c3 = (t & 15) << 12 | (buffer[start++] & 63) << 6 | buffer[start++] & 63;
          chunk[i++] = c3 >= 2048 ? c3 : replacementCharCode;
        } else if (t >= 240) {
          t2 = (t & 7) << 18 | (buffer[start++] & 63) << 12 | (buffer[start++] & 63) << 6 | buffer[start++] & 63;
          if (t2 < 65536 || t2 > 1114111)
            chunk[i++] = replacementCharCode;
          else {
            t2 -= 65536;
            chunk[i++] = 55296 + (t2 >> 10);
            chunk[i++] = 56320 + (t2 & 1023);
          }
        }
        if (i > 8191) {
          (parts || (parts = [])).push(String.fromCharCode.apply(String, chunk.slice(0, i)));
          i = 0;
        }
      }
      if (parts) {
        if (i)
          parts.push(String.fromCharCode.apply(String, chunk.slice(0, i)));
        return parts.join("");
      }
      return String.fromCharCode.apply(String, chunk.slice(0, i));
    };
    utf8.write = function utf8_write(string, buffer, offset) {
      var start = offset, c1, c2;
      for (var i = 0; i < string.length; ++i) {
        c1 = string.charCodeAt(i);
        if (c1 < 128) {
          buffer[offset++] = c1;
        } else if (c1 < 2048) {
          buffer[offset++] = c1 >> 6 | 192;
          buffer[offset++] = c1 & 63 | 128;
        } else if ((c1 & 64512) === 55296 && ((c2 = string.charCodeAt(i + 1)) & 64512) === 56320) {
          c1 = 65536 + ((c1 & 1023) << 10) + (c2 & 1023);
          ++i;
          buffer[offset++] = c1 >> 18 | 240;
          buffer[offset++] = c1 >> 12 & 63 | 128;
          buffer[offset++] = c1 >> 6 & 63 | 128;
          buffer[offset++] = c1 & 63 | 128;
        } else {
          buffer[offset++] = c1 >> 12 | 224;
          buffer[offset++] = c1 >> 6 & 63 | 128;
          buffer[offset++] = c1 & 63 | 128;
        }
      }
      return offset - start;
    };
  }
});

// node_modules/@protobufjs/pool/index.js
var require_pool = __commonJS({
  "node_modules/@protobufjs/pool/index.js"(exports, module) {
    "use strict";
    module.exports = pool;
    function pool(alloc, slice, size) {
      var SIZE = size || 8192;
      var MAX = SIZE >>> 1;
      var slab = null;
      var offset = SIZE;
      return function pool_alloc(size2) {
        if (size2 < 1 || size2 > MAX)
          return alloc(size2);
        if (offset + size2 > SIZE) {
          slab = alloc(SIZE);
          offset = 0;
        }
        var buf = slice.call(slab, offset, offset += size2);
        if (offset & 7)
          offset = (offset | 7) + 1;
        return buf;
      };
    }
  }
});

// node_modules/protobufjs/src/util/longbits.js
var require_longbits = __commonJS({
  "node_modules/protobufjs/src/util/longbits.js"(exports, module) {
    "use strict";
    module.exports = LongBits;
    var util = require_minimal();
    function LongBits(lo, hi) {
      this.lo = lo >>> 0;
      this.hi = hi >>> 0;
    }
    var zero = LongBits.zero = new LongBits(0, 0);
    zero.toNumber = function() {
      return 0;
    };
    zero.zzEncode = zero.zzDecode = function() {
      return this;
    };
    zero.length = function() {
      return 1;
    };
    var zeroHash = LongBits.zeroHash = "\0\0\0\0\0\0\0\0";
    LongBits.fromNumber = function fromNumber(value) {
      if (value === 0)
        return zero;
      var sign = value < 0;
      if (sign)
        value = -value;
      var lo = value >>> 0, hi = (value - lo) / 4294967296 >>> 0;
      if (sign) {
        hi = ~hi >>> 0;
        lo = ~lo >>> 0;
        if (++lo > 4294967295) {
          lo = 0;
          if (++hi > 4294967295)
            hi = 0;
        }
      }
      return new LongBits(lo, hi);
    };
    LongBits.from = function from(value) {
      if (typeof value === "number")
        return LongBits.fromNumber(value);
      if (util.isString(value)) {
        if (util.Long)
          value = util.Long.fromString(value);
        else
          return LongBits.fromNumber(parseInt(value, 10));
      }
      return value.low || value.high ? new LongBits(value.low >>> 0, value.high >>> 0) : zero;
    };
    LongBits.prototype.toNumber = function toNumber(unsigned) {
      if (!unsigned && this.hi >>> 31) {
        var lo = ~this.lo + 1 >>> 0, hi = ~this.hi >>> 0;
        if (!lo)
          hi = hi + 1 >>> 0;
        return -(lo + hi * 4294967296);
      }
      return this.lo + this.hi * 4294967296;
    };
    LongBits.prototype.toLong = function toLong(unsigned) {
      return util.Long ? new util.Long(this.lo | 0, this.hi | 0, Boolean(unsigned)) : { low: this.lo | 0, high: this.hi | 0, unsigned: Boolean(unsigned) };
    };
    var charCodeAt = String.prototype.charCodeAt;
    LongBits.fromHash = function fromHash(hash) {
      if (hash === zeroHash)
        return zero;
      return new LongBits(
        (charCodeAt.call(hash, 0) | charCodeAt.call(hash, 1) << 8 | charCodeAt.call(hash, 2) << 16 | charCodeAt.call(hash, 3) << 24) >>> 0,
        (charCodeAt.call(hash, 4) | charCodeAt.call(hash, 5) << 8 | charCodeAt.call(hash, 6) << 16 | charCodeAt.call(hash, 7) << 24) >>> 0
      );
    };
    LongBits.prototype.toHash = function toHash() {
      return String.fromCharCode(
        this.lo & 255,
        this.lo >>> 8 & 255,
        this.lo >>> 16 & 255,
        this.lo >>> 24,
        this.hi & 255,
        this.hi >>> 8 & 255,
        this.hi >>> 16 & 255,
        this.hi >>> 24
      );
    };
    LongBits.prototype.zzEncode = function zzEncode() {
      var mask = this.hi >> 31;
      this.hi = ((this.hi << 1 | this.lo >>> 31) ^ mask) >>> 0;
      this.lo = (this.lo << 1 ^ mask) >>> 0;
      return this;
    };
    LongBits.prototype.zzDecode = function zzDecode() {
      var mask = -(this.lo & 1);
      this.lo = ((this.lo >>> 1 | this.hi << 31) ^ mask) >>> 0;
      this.hi = (this.hi >>> 1 ^ mask) >>> 0;
      return this;
    };
    LongBits.prototype.length = function length() {
      var part0 = this.lo, part1 = (this.lo >>> 28 | this.hi << 4) >>> 0, part2 = this.hi >>> 24;
      return part2 === 0 ? part1 === 0 ? part0 < 16384 ? part0 < 128 ? 1 : 2 : part0 < 2097152 ? 3 : 4 : part1 < 16384 ? part1 < 128 ? 5 : 6 : part1 < 2097152 ? 7 : 8 : part2 < 128 ? 9 : 10;
    };
  }
});

// node_modules/long/umd/index.js
var require_umd = __commonJS({
  "node_modules/long/umd/index.js"(exports, module) {
    (function(global2, factory) {
      function preferDefault(exports2) {
        return exports2.default || exports2;
      }
      if (typeof define === "function" && define.amd) {
        define([], function() {
          var exports2 = {};
          factory(exports2);
          return preferDefault(exports2);
        });
      } else if (typeof exports === "object") {
        factory(exports);
        if (typeof module === "object") module.exports = preferDefault(exports);
      } else {
        (function() {
          var exports2 = {};
          factory(exports2);
          global2.Long = preferDefault(exports2);
        })();
      }
    })(
      typeof globalThis !== "undefined" ? globalThis : typeof self !== "undefined" ? self : exports,
      function(_exports) {
        "use strict";
        Object.defineProperty(_exports, "__esModule", {
          value: true
        });
        _exports.default = void 0;
        var wasm = null;
        try {
          wasm = new WebAssembly.Instance(
            new WebAssembly.Module(
              new Uint8Array([
                // \0asm
                0,
                97,
                115,
                109,
                // version 1
                1,
                0,
                0,
                0,
                // section "type"
                1,
                13,
                2,
                // 0, () => i32
                96,
                0,
                1,
                127,
                // 1, (i32, i32, i32, i32) => i32
                96,
                4,
                127,
                127,
                127,
                127,
                1,
                127,
                // section "function"
                3,
                7,
                6,
                // 0, type 0
                0,
                // 1, type 1
                1,
                // 2, type 1
                1,
                // 3, type 1
                1,
                // 4, type 1
                1,
                // 5, type 1
                1,
                // section "global"
                6,
                6,
                1,
                // 0, "high", mutable i32
                127,
                1,
                65,
                0,
                11,
                // section "export"
                7,
                50,
                6,
                // 0, "mul"
                3,
                109,
                117,
                108,
                0,
                1,
                // 1, "div_s"
                5,
                100,
                105,
                118,
                95,
                115,
                0,
                2,
                // 2, "div_u"
                5,
                100,
                105,
                118,
                95,
                117,
                0,
                3,
                // 3, "rem_s"
                5,
                114,
                101,
                109,
                95,
                115,
                0,
                4,
                // 4, "rem_u"
                5,
                114,
                101,
                109,
                95,
                117,
                0,
                5,
                // 5, "get_high"
                8,
                103,
                101,
                116,
                95,
                104,
                105,
                103,
                104,
                0,
                0,
                // section "code"
                10,
                191,
                1,
                6,
                // 0, "get_high"
                4,
                0,
                35,
                0,
                11,
                // 1, "mul"
                36,
                1,
                1,
                126,
                32,
                0,
                173,
                32,
                1,
                173,
                66,
                32,
                134,
                132,
                32,
                2,
                173,
                32,
                3,
                173,
                66,
                32,
                134,
                132,
                126,
                34,
                4,
                66,
                32,
                135,
                167,
                36,
                0,
                32,
                4,
                167,
                11,
                // 2, "div_s"
                36,
                1,
                1,
                126,
                32,
                0,
                173,
                32,
                1,
                173,
                66,
                32,
                134,
                132,
                32,
                2,
                173,
                32,
                3,
                173,
                66,
                32,
                134,
                132,
                127,
                34,
                4,
                66,
                32,
                135,
                167,
                36,
                0,
                32,
                4,
                167,
                11,
                // 3, "div_u"
                36,
                1,
                1,
                126,
                32,
                0,
                173,
                32,
                1,
                173,
                66,
                32,
                134,
                132,
                32,
                2,
                173,
                32,
                3,
                173,
                66,
                32,
                134,
                132,
                128,
                34,
                4,
                66,
                32,
                135,
                167,
                36,
                0,
                32,
                4,
                167,
                11,
                // 4, "rem_s"
                36,
                1,
                1,
                126,
                32,
                0,
                173,
                32,
                1,
                173,
                66,
                32,
                134,
                132,
                32,
                2,
                173,
                32,
                3,
                173,
                66,
                32,
                134,
                132,
                129,
                34,
                4,
                66,
                32,
                135,
                167,
                36,
                0,
                32,
                4,
                167,
                11,
                // 5, "rem_u"
                36,
                1,
                1,
                126,
                32,
                0,
                173,
                32,
                1,
                173,
                66,
                32,
                134,
                132,
                32,
                2,
                173,
                32,
                3,
                173,
                66,
                32,
                134,
                132,
                130,
                34,
                4,
                66,
                32,
                135,
                167,
                36,
                0,
                32,
                4,
                167,
                11
              ])
            ),
            {}
          ).exports;
        } catch {
        }
        function Long(low, high, unsigned) {
          this.low = low | 0;
          this.high = high | 0;
          this.unsigned = !!unsigned;
        }
        Long.prototype.__isLong__;
        Object.defineProperty(Long.prototype, "__isLong__", {
          value: true
        });
        function isLong(obj) {
          return (obj && obj["__isLong__"]) === true;
        }
        function ctz32(value) {
          var c = Math.clz32(value & -value);
          return value ? 31 - c : c;
        }
        Long.isLong = isLong;
        var INT_CACHE = {};
        var UINT_CACHE = {};
        function fromInt(value, unsigned) {
          var obj, cachedObj, cache;
          if (unsigned) {
            value >>>= 0;
            if (cache = 0 <= value && value < 256) {
              cachedObj = UINT_CACHE[value];
              if (cachedObj) return cachedObj;
            }
            obj = fromBits(value, 0, true);
            if (cache) UINT_CACHE[value] = obj;
            return obj;
          } else {
            value |= 0;
            if (cache = -128 <= value && value < 128) {
              cachedObj = INT_CACHE[value];
              if (cachedObj) return cachedObj;
            }
            obj = fromBits(value, value < 0 ? -1 : 0, false);
            if (cache) INT_CACHE[value] = obj;
            return obj;
          }
        }
        Long.fromInt = fromInt;
        function fromNumber(value, unsigned) {
          if (isNaN(value)) return unsigned ? UZERO : ZERO;
          if (unsigned) {
            if (value < 0) return UZERO;
            if (value >= TWO_PWR_64_DBL) return MAX_UNSIGNED_VALUE;
          } else {
            if (value <= -TWO_PWR_63_DBL) return MIN_VALUE;
            if (value + 1 >= TWO_PWR_63_DBL) return MAX_VALUE;
          }
          if (value < 0) return fromNumber(-value, unsigned).neg();
          return fromBits(
            value % TWO_PWR_32_DBL | 0,
            value / TWO_PWR_32_DBL | 0,
            unsigned
          );
        }
        Long.fromNumber = fromNumber;
        function fromBits(lowBits, highBits, unsigned) {
          return new Long(lowBits, highBits, unsigned);
        }
        Long.fromBits = fromBits;
        var pow_dbl = Math.pow;
        function fromString(str, unsigned, radix) {
          if (str.length === 0) throw Error("empty string");
          if (typeof unsigned === "number") {
            radix = unsigned;
            unsigned = false;
          } else {
            unsigned = !!unsigned;
          }
          if (str === "NaN" || str === "Infinity" || str === "+Infinity" || str === "-Infinity")
            return unsigned ? UZERO : ZERO;
          radix = radix || 10;
          if (radix < 2 || 36 < radix) throw RangeError("radix");
          var p;
          if ((p = str.indexOf("-")) > 0) throw Error("interior hyphen");
          else if (p === 0) {
            return fromString(str.substring(1), unsigned, radix).neg();
          }
          var radixToPower = fromNumber(pow_dbl(radix, 8));
          var result = ZERO;
          for (var i = 0; i < str.length; i += 8) {
            var size = Math.min(8, str.length - i), value = parseInt(str.substring(i, i + size), radix);
            if (size < 8) {
              var power = fromNumber(pow_dbl(radix, size));
              result = result.mul(power).add(fromNumber(value));
            } else {
              result = result.mul(radixToPower);
              result = result.add(fromNumber(value));
            }
          }
          result.unsigned = unsigned;
          return result;
        }
        Long.fromString = fromString;
        function fromValue(val, unsigned) {
          if (typeof val === "number") return fromNumber(val, unsigned);
          if (typeof val === "string") return fromString(val, unsigned);
          return fromBits(
            val.low,
            val.high,
            typeof unsigned === "boolean" ? unsigned : val.unsigned
          );
        }
        Long.fromValue = fromValue;
        var TWO_PWR_16_DBL = 1 << 16;
        var TWO_PWR_24_DBL = 1 << 24;
        var TWO_PWR_32_DBL = TWO_PWR_16_DBL * TWO_PWR_16_DBL;
        var TWO_PWR_64_DBL = TWO_PWR_32_DBL * TWO_PWR_32_DBL;
        var TWO_PWR_63_DBL = TWO_PWR_64_DBL / 2;
        var TWO_PWR_24 = fromInt(TWO_PWR_24_DBL);
        var ZERO = fromInt(0);
        Long.ZERO = ZERO;
        var UZERO = fromInt(0, true);
        Long.UZERO = UZERO;
        var ONE = fromInt(1);
        Long.ONE = ONE;
        var UONE = fromInt(1, true);
        Long.UONE = UONE;
        var NEG_ONE = fromInt(-1);
        Long.NEG_ONE = NEG_ONE;
        var MAX_VALUE = fromBits(4294967295 | 0, 2147483647 | 0, false);
        Long.MAX_VALUE = MAX_VALUE;
        var MAX_UNSIGNED_VALUE = fromBits(4294967295 | 0, 4294967295 | 0, true);
        Long.MAX_UNSIGNED_VALUE = MAX_UNSIGNED_VALUE;
        var MIN_VALUE = fromBits(0, 2147483648 | 0, false);
        Long.MIN_VALUE = MIN_VALUE;
        var LongPrototype = Long.prototype;
        LongPrototype.toInt = function toInt() {
          return this.unsigned ? this.low >>> 0 : this.low;
        };
        LongPrototype.toNumber = function toNumber() {
          if (this.unsigned)
            return (this.high >>> 0) * TWO_PWR_32_DBL + (this.low >>> 0);
          return this.high * TWO_PWR_32_DBL + (this.low >>> 0);
        };
        LongPrototype.toString = function toString(radix) {
          radix = radix || 10;
          if (radix < 2 || 36 < radix) throw RangeError("radix");
          if (this.isZero()) return "0";
          if (this.isNegative()) {
            if (this.eq(MIN_VALUE)) {
              var radixLong = fromNumber(radix), div = this.div(radixLong), rem1 = div.mul(radixLong).sub(this);
              return div.toString(radix) + rem1.toInt().toString(radix);
            } else return "-" + this.neg().toString(radix);
          }
          var radixToPower = fromNumber(pow_dbl(radix, 6), this.unsigned), rem = this;
          var result = "";
          while (true) {
            var remDiv = rem.div(radixToPower), intval = rem.sub(remDiv.mul(radixToPower)).toInt() >>> 0, digits = intval.toString(radix);
            rem = remDiv;
            if (rem.isZero()) return digits + result;
            else {
              while (digits.length < 6) digits = "0" + digits;
              result = "" + digits + result;
            }
          }
        };
        LongPrototype.getHighBits = function getHighBits() {
          return this.high;
        };
        LongPrototype.getHighBitsUnsigned = function getHighBitsUnsigned() {
          return this.high >>> 0;
        };
        LongPrototype.getLowBits = function getLowBits() {
          return this.low;
        };
        LongPrototype.getLowBitsUnsigned = function getLowBitsUnsigned() {
          return this.low >>> 0;
        };
        LongPrototype.getNumBitsAbs = function getNumBitsAbs() {
          if (this.isNegative())
            return this.eq(MIN_VALUE) ? 64 : this.neg().getNumBitsAbs();
          var val = this.high != 0 ? this.high : this.low;
          for (var bit = 31; bit > 0; bit--) if ((val & 1 << bit) != 0) break;
          return this.high != 0 ? bit + 33 : bit + 1;
        };
        LongPrototype.isSafeInteger = function isSafeInteger() {
          var top11Bits = this.high >> 21;
          if (!top11Bits) return true;
          if (this.unsigned) return false;
          return top11Bits === -1 && !(this.low === 0 && this.high === -2097152);
        };
        LongPrototype.isZero = function isZero() {
          return this.high === 0 && this.low === 0;
        };
        LongPrototype.eqz = LongPrototype.isZero;
        LongPrototype.isNegative = function isNegative() {
          return !this.unsigned && this.high < 0;
        };
        LongPrototype.isPositive = function isPositive() {
          return this.unsigned || this.high >= 0;
        };
        LongPrototype.isOdd = function isOdd() {
          return (this.low & 1) === 1;
        };
        LongPrototype.isEven = function isEven() {
          return (this.low & 1) === 0;
        };
        LongPrototype.equals = function equals(other) {
          if (!isLong(other)) other = fromValue(other);
          if (this.unsigned !== other.unsigned && this.high >>> 31 === 1 && other.high >>> 31 === 1)
            return false;
          return this.high === other.high && this.low === other.low;
        };
        LongPrototype.eq = LongPrototype.equals;
        LongPrototype.notEquals = function notEquals(other) {
          return !this.eq(
            /* validates */
            other
          );
        };
        LongPrototype.neq = LongPrototype.notEquals;
        LongPrototype.ne = LongPrototype.notEquals;
        LongPrototype.lessThan = function lessThan(other) {
          return this.comp(
            /* validates */
            other
          ) < 0;
        };
        LongPrototype.lt = LongPrototype.lessThan;
        LongPrototype.lessThanOrEqual = function lessThanOrEqual(other) {
          return this.comp(
            /* validates */
            other
          ) <= 0;
        };
        LongPrototype.lte = LongPrototype.lessThanOrEqual;
        LongPrototype.le = LongPrototype.lessThanOrEqual;
        LongPrototype.greaterThan = function greaterThan(other) {
          return this.comp(
            /* validates */
            other
          ) > 0;
        };
        LongPrototype.gt = LongPrototype.greaterThan;
        LongPrototype.greaterThanOrEqual = function greaterThanOrEqual(other) {
          return this.comp(
            /* validates */
            other
          ) >= 0;
        };
        LongPrototype.gte = LongPrototype.greaterThanOrEqual;
        LongPrototype.ge = LongPrototype.greaterThanOrEqual;
        LongPrototype.compare = function compare(other) {
          if (!isLong(other)) other = fromValue(other);
          if (this.eq(other)) return 0;
          var thisNeg = this.isNegative(), otherNeg = other.isNegative();
          if (thisNeg && !otherNeg) return -1;
          if (!thisNeg && otherNeg) return 1;
          if (!this.unsigned) return this.sub(other).isNegative() ? -1 : 1;
          return other.high >>> 0 > this.high >>> 0 || other.high === this.high && other.low >>> 0 > this.low >>> 0 ? -1 : 1;
        };
        LongPrototype.comp = LongPrototype.compare;
        LongPrototype.negate = function negate() {
          if (!this.unsigned && this.eq(MIN_VALUE)) return MIN_VALUE;
          return this.not().add(ONE);
        };
        LongPrototype.neg = LongPrototype.negate;
        LongPrototype.add = function add(addend) {
          if (!isLong(addend)) addend = fromValue(addend);
          var a48 = this.high >>> 16;
          var a32 = this.high & 65535;
          var a16 = this.low >>> 16;
          var a00 = this.low & 65535;
          var b48 = addend.high >>> 16;
          var b32 = addend.high & 65535;
          var b16 = addend.low >>> 16;
          var b00 = addend.low & 65535;
          var c48 = 0, c32 = 0, c16 = 0, c00 = 0;
          c00 += a00 + b00;
          c16 += c00 >>> 16;
          c00 &= 65535;
          c16 += a16 + b16;
          c32 += c16 >>> 16;
          c16 &= 65535;
          c32 += a32 + b32;
          c48 += c32 >>> 16;
          c32 &= 65535;
          c48 += a48 + b48;
          c48 &= 65535;
          return fromBits(c16 << 16 | c00, c48 << 16 | c32, this.unsigned);
        };
        LongPrototype.subtract = function subtract(subtrahend) {
          if (!isLong(subtrahend)) subtrahend = fromValue(subtrahend);
          return this.add(subtrahend.neg());
        };
        LongPrototype.sub = LongPrototype.subtract;
        LongPrototype.multiply = function multiply(multiplier) {
          if (this.isZero()) return this;
          if (!isLong(multiplier)) multiplier = fromValue(multiplier);
          if (wasm) {
            var low = wasm["mul"](
              this.low,
              this.high,
              multiplier.low,
              multiplier.high
            );
            return fromBits(low, wasm["get_high"](), this.unsigned);
          }
          if (multiplier.isZero()) return this.unsigned ? UZERO : ZERO;
          if (this.eq(MIN_VALUE)) return multiplier.isOdd() ? MIN_VALUE : ZERO;
          if (multiplier.eq(MIN_VALUE)) return this.isOdd() ? MIN_VALUE : ZERO;
          if (this.isNegative()) {
            if (multiplier.isNegative()) return this.neg().mul(multiplier.neg());
            else return this.neg().mul(multiplier).neg();
          } else if (multiplier.isNegative())
            return this.mul(multiplier.neg()).neg();
          if (this.lt(TWO_PWR_24) && multiplier.lt(TWO_PWR_24))
            return fromNumber(
              this.toNumber() * multiplier.toNumber(),
              this.unsigned
            );
          var a48 = this.high >>> 16;
          var a32 = this.high & 65535;
          var a16 = this.low >>> 16;
          var a00 = this.low & 65535;
          var b48 = multiplier.high >>> 16;
          var b32 = multiplier.high & 65535;
          var b16 = multiplier.low >>> 16;
          var b00 = multiplier.low & 65535;
          var c48 = 0, c32 = 0, c16 = 0, c00 = 0;
          c00 += a00 * b00;
          c16 += c00 >>> 16;
          c00 &= 65535;
          c16 += a16 * b00;
          c32 += c16 >>> 16;
          c16 &= 65535;
          c16 += a00 * b16;
          c32 += c16 >>> 16;
          c16 &= 65535;
          c32 += a32 * b00;
          c48 += c32 >>> 16;
          c32 &= 65535;
          c32 += a16 * b16;
          c48 += c32 >>> 16;
          c32 &= 65535;
          c32 += a00 * b32;
          c48 += c32 >>> 16;
          c32 &= 65535;
          c48 += a48 * b00 + a32 * b16 + a16 * b32 + a00 * b48;
          c48 &= 65535;
          return fromBits(c16 << 16 | c00, c48 << 16 | c32, this.unsigned);
        };
        LongPrototype.mul = LongPrototype.multiply;
        LongPrototype.divide = function divide(divisor) {
          if (!isLong(divisor)) divisor = fromValue(divisor);
          if (divisor.isZero()) throw Error("division by zero");
          if (wasm) {
            if (!this.unsigned && this.high === -2147483648 && divisor.low === -1 && divisor.high === -1) {
              return this;
            }
            var low = (this.unsigned ? wasm["div_u"] : wasm["div_s"])(
              this.low,
              this.high,
              divisor.low,
              divisor.high
            );
            return fromBits(low, wasm["get_high"](), this.unsigned);
          }
          if (this.isZero()) return this.unsigned ? UZERO : ZERO;
          var approx, rem, res;
          if (!this.unsigned) {
            if (this.eq(MIN_VALUE)) {
              if (divisor.eq(ONE) || divisor.eq(NEG_ONE))
                return MIN_VALUE;
              else if (divisor.eq(MIN_VALUE)) return ONE;
              else {
                var halfThis = this.shr(1);
                approx = halfThis.div(divisor).shl(1);
                if (approx.eq(ZERO)) {
                  return divisor.isNegative() ? ONE : NEG_ONE;
                } else {
                  rem = this.sub(divisor.mul(approx));
                  res = approx.add(rem.div(divisor));
                  return res;
                }
              }
            } else if (divisor.eq(MIN_VALUE)) return this.unsigned ? UZERO : ZERO;
            if (this.isNegative()) {
              if (divisor.isNegative()) return this.neg().div(divisor.neg());
              return this.neg().div(divisor).neg();
            } else if (divisor.isNegative()) return this.div(divisor.neg()).neg();
            res = ZERO;
          } else {
            if (!divisor.unsigned) divisor = divisor.toUnsigned();
            if (divisor.gt(this)) return UZERO;
            if (divisor.gt(this.shru(1)))
              return UONE;
            res = UZERO;
          }
          rem = this;
          while (rem.gte(divisor)) {
            approx = Math.max(1, Math.floor(rem.toNumber() / divisor.toNumber()));
            var log2 = Math.ceil(Math.log(approx) / Math.LN2), delta = log2 <= 48 ? 1 : pow_dbl(2, log2 - 48), approxRes = fromNumber(approx), approxRem = approxRes.mul(divisor);
            while (approxRem.isNegative() || approxRem.gt(rem)) {
              approx -= delta;
              approxRes = fromNumber(approx, this.unsigned);
              approxRem = approxRes.mul(divisor);
            }
            if (approxRes.isZero()) approxRes = ONE;
            res = res.add(approxRes);
            rem = rem.sub(approxRem);
          }
          return res;
        };
        LongPrototype.div = LongPrototype.divide;
        LongPrototype.modulo = function modulo(divisor) {
          if (!isLong(divisor)) divisor = fromValue(divisor);
          if (wasm) {
            var low = (this.unsigned ? wasm["rem_u"] : wasm["rem_s"])(
              this.low,
              this.high,
              divisor.low,
              divisor.high
            );
            return fromBits(low, wasm["get_high"](), this.unsigned);
          }
          return this.sub(this.div(divisor).mul(divisor));
        };
        LongPrototype.mod = LongPrototype.modulo;
        LongPrototype.rem = LongPrototype.modulo;
        LongPrototype.not = function not() {
          return fromBits(~this.low, ~this.high, this.unsigned);
        };
        LongPrototype.countLeadingZeros = function countLeadingZeros() {
          return this.high ? Math.clz32(this.high) : Math.clz32(this.low) + 32;
        };
        LongPrototype.clz = LongPrototype.countLeadingZeros;
        LongPrototype.countTrailingZeros = function countTrailingZeros() {
          return this.low ? ctz32(this.low) : ctz32(this.high) + 32;
        };
        LongPrototype.ctz = LongPrototype.countTrailingZeros;
        LongPrototype.and = function and(other) {
          if (!isLong(other)) other = fromValue(other);
          return fromBits(
            this.low & other.low,
            this.high & other.high,
            this.unsigned
          );
        };
        LongPrototype.or = function or(other) {
          if (!isLong(other)) other = fromValue(other);
          return fromBits(
            this.low | other.low,
            this.high | other.high,
            this.unsigned
          );
        };
        LongPrototype.xor = function xor(other) {
          if (!isLong(other)) other = fromValue(other);
          return fromBits(
            this.low ^ other.low,
            this.high ^ other.high,
            this.unsigned
          );
        };
        LongPrototype.shiftLeft = function shiftLeft(numBits) {
          if (isLong(numBits)) numBits = numBits.toInt();
          if ((numBits &= 63) === 0) return this;
          else if (numBits < 32)
            return fromBits(
              this.low << numBits,
              this.high << numBits | this.low >>> 32 - numBits,
              this.unsigned
            );
          else return fromBits(0, this.low << numBits - 32, this.unsigned);
        };
        LongPrototype.shl = LongPrototype.shiftLeft;
        LongPrototype.shiftRight = function shiftRight(numBits) {
          if (isLong(numBits)) numBits = numBits.toInt();
          if ((numBits &= 63) === 0) return this;
          else if (numBits < 32)
            return fromBits(
              this.low >>> numBits | this.high << 32 - numBits,
              this.high >> numBits,
              this.unsigned
            );
          else
            return fromBits(
              this.high >> numBits - 32,
              this.high >= 0 ? 0 : -1,
              this.unsigned
            );
        };
        LongPrototype.shr = LongPrototype.shiftRight;
        LongPrototype.shiftRightUnsigned = function shiftRightUnsigned(numBits) {
          if (isLong(numBits)) numBits = numBits.toInt();
          if ((numBits &= 63) === 0) return this;
          if (numBits < 32)
            return fromBits(
              this.low >>> numBits | this.high << 32 - numBits,
              this.high >>> numBits,
              this.unsigned
            );
          if (numBits === 32) return fromBits(this.high, 0, this.unsigned);
          return fromBits(this.high >>> numBits - 32, 0, this.unsigned);
        };
        LongPrototype.shru = LongPrototype.shiftRightUnsigned;
        LongPrototype.shr_u = LongPrototype.shiftRightUnsigned;
        LongPrototype.rotateLeft = function rotateLeft(numBits) {
          var b;
          if (isLong(numBits)) numBits = numBits.toInt();
          if ((numBits &= 63) === 0) return this;
          if (numBits === 32) return fromBits(this.high, this.low, this.unsigned);
          if (numBits < 32) {
            b = 32 - numBits;
            return fromBits(
              this.low << numBits | this.high >>> b,
              this.high << numBits | this.low >>> b,
              this.unsigned
            );
          }
          numBits -= 32;
          b = 32 - numBits;
          return fromBits(
            this.high << numBits | this.low >>> b,
            this.low << numBits | this.high >>> b,
            this.unsigned
          );
        };
        LongPrototype.rotl = LongPrototype.rotateLeft;
        LongPrototype.rotateRight = function rotateRight(numBits) {
          var b;
          if (isLong(numBits)) numBits = numBits.toInt();
          if ((numBits &= 63) === 0) return this;
          if (numBits === 32) return fromBits(this.high, this.low, this.unsigned);
          if (numBits < 32) {
            b = 32 - numBits;
            return fromBits(
              this.high << b | this.low >>> numBits,
              this.low << b | this.high >>> numBits,
              this.unsigned
            );
          }
          numBits -= 32;
          b = 32 - numBits;
          return fromBits(
            this.low << b | this.high >>> numBits,
            this.high << b | this.low >>> numBits,
            this.unsigned
          );
        };
        LongPrototype.rotr = LongPrototype.rotateRight;
        LongPrototype.toSigned = function toSigned() {
          if (!this.unsigned) return this;
          return fromBits(this.low, this.high, false);
        };
        LongPrototype.toUnsigned = function toUnsigned() {
          if (this.unsigned) return this;
          return fromBits(this.low, this.high, true);
        };
        LongPrototype.toBytes = function toBytes(le) {
          return le ? this.toBytesLE() : this.toBytesBE();
        };
        LongPrototype.toBytesLE = function toBytesLE() {
          var hi = this.high, lo = this.low;
          return [
            lo & 255,
            lo >>> 8 & 255,
            lo >>> 16 & 255,
            lo >>> 24,
            hi & 255,
            hi >>> 8 & 255,
            hi >>> 16 & 255,
            hi >>> 24
          ];
        };
        LongPrototype.toBytesBE = function toBytesBE() {
          var hi = this.high, lo = this.low;
          return [
            hi >>> 24,
            hi >>> 16 & 255,
            hi >>> 8 & 255,
            hi & 255,
            lo >>> 24,
            lo >>> 16 & 255,
            lo >>> 8 & 255,
            lo & 255
          ];
        };
        Long.fromBytes = function fromBytes(bytes, unsigned, le) {
          return le ? Long.fromBytesLE(bytes, unsigned) : Long.fromBytesBE(bytes, unsigned);
        };
        Long.fromBytesLE = function fromBytesLE(bytes, unsigned) {
          return new Long(
            bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24,
            bytes[4] | bytes[5] << 8 | bytes[6] << 16 | bytes[7] << 24,
            unsigned
          );
        };
        Long.fromBytesBE = function fromBytesBE(bytes, unsigned) {
          return new Long(
            bytes[4] << 24 | bytes[5] << 16 | bytes[6] << 8 | bytes[7],
            bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3],
            unsigned
          );
        };
        if (typeof BigInt === "function") {
          Long.fromBigInt = function fromBigInt(value, unsigned) {
            var lowBits = Number(BigInt.asIntN(32, value));
            var highBits = Number(BigInt.asIntN(32, value >> BigInt(32)));
            return fromBits(lowBits, highBits, unsigned);
          };
          Long.fromValue = function fromValueWithBigInt(value, unsigned) {
            if (typeof value === "bigint") return Long.fromBigInt(value, unsigned);
            return fromValue(value, unsigned);
          };
          LongPrototype.toBigInt = function toBigInt() {
            var lowBigInt = BigInt(this.low >>> 0);
            var highBigInt = BigInt(this.unsigned ? this.high >>> 0 : this.high);
            return highBigInt << BigInt(32) | lowBigInt;
          };
        }
        var _default = _exports.default = Long;
      }
    );
  }
});

// node_modules/protobufjs/src/util/minimal.js
var require_minimal = __commonJS({
  "node_modules/protobufjs/src/util/minimal.js"(exports) {
    "use strict";
    var util = exports;
    util.asPromise = require_aspromise();
    util.base64 = require_base64();
    util.EventEmitter = require_eventemitter();
    util.float = require_float();
    util.utf8 = require_utf8();
    util.pool = require_pool();
    util.LongBits = require_longbits();
    function isUnsafeProperty(key) {
      return key === "__proto__" || key === "prototype" || key === "constructor";
    }
    util.isUnsafeProperty = isUnsafeProperty;
    util.isNode = Boolean(typeof global !== "undefined" && global && global.process && global.process.versions && global.process.versions.node);
    util.global = util.isNode && global || typeof window !== "undefined" && window || typeof self !== "undefined" && self || exports;
    util.emptyArray = Object.freeze ? Object.freeze([]) : (
      /* istanbul ignore next */
      []
    );
    util.emptyObject = Object.freeze ? Object.freeze({}) : (
      /* istanbul ignore next */
      {}
    );
    util.isInteger = Number.isInteger || /* istanbul ignore next */
    function isInteger(value) {
      return typeof value === "number" && isFinite(value) && Math.floor(value) === value;
    };
    util.isString = function isString(value) {
      return typeof value === "string" || value instanceof String;
    };
    util.isObject = function isObject2(value) {
      return value && typeof value === "object";
    };
    util.isset = /**
     * Checks if a property on a message is considered to be present.
     * @param {Object} obj Plain object or message instance
     * @param {string} prop Property name
     * @returns {boolean} `true` if considered to be present, otherwise `false`
     */
    util.isSet = function isSet(obj, prop) {
      var value = obj[prop];
      if (value != null && Object.hasOwnProperty.call(obj, prop))
        return typeof value !== "object" || (Array.isArray(value) ? value.length : Object.keys(value).length) > 0;
      return false;
    };
    util.Buffer = (function() {
      try {
        var Buffer2 = util.global.Buffer;
        return Buffer2.prototype.utf8Write ? Buffer2 : (
          /* istanbul ignore next */
          null
        );
      } catch (e) {
        return null;
      }
    })();
    util._Buffer_from = null;
    util._Buffer_allocUnsafe = null;
    util.newBuffer = function newBuffer(sizeOrArray) {
      return typeof sizeOrArray === "number" ? util.Buffer ? util._Buffer_allocUnsafe(sizeOrArray) : new util.Array(sizeOrArray) : util.Buffer ? util._Buffer_from(sizeOrArray) : typeof Uint8Array === "undefined" ? sizeOrArray : new Uint8Array(sizeOrArray);
    };
    util.Array = typeof Uint8Array !== "undefined" ? Uint8Array : Array;
    util.Long = /* istanbul ignore next */
    util.global.dcodeIO && /* istanbul ignore next */
    util.global.dcodeIO.Long || /* istanbul ignore next */
    util.global.Long || (function() {
      try {
        var Long = require_umd();
        return Long && Long.isLong ? Long : null;
      } catch (e) {
        return null;
      }
    })();
    util.key2Re = /^true|false|0|1$/;
    util.key32Re = /^-?(?:0|[1-9][0-9]*)$/;
    util.key64Re = /^(?:[\\x00-\\xff]{8}|-?(?:0|[1-9][0-9]*))$/;
    util.longToHash = function longToHash(value) {
      return value ? util.LongBits.from(value).toHash() : util.LongBits.zeroHash;
    };
    util.longFromHash = function longFromHash(hash, unsigned) {
      var bits = util.LongBits.fromHash(hash);
      if (util.Long)
        return util.Long.fromBits(bits.lo, bits.hi, unsigned);
      return bits.toNumber(Boolean(unsigned));
    };
    function merge(dst) {
      var ifNotSet = typeof arguments[arguments.length - 1] === "boolean", limit = ifNotSet ? arguments.length - 1 : arguments.length;
      ifNotSet = ifNotSet && arguments[arguments.length - 1];
      for (var a = 1; a < limit; ++a) {
        var src = arguments[a];
        if (!src)
          continue;
        for (var keys = Object.keys(src), i = 0; i < keys.length; ++i)
          if (!isUnsafeProperty(keys[i]) && (dst[keys[i]] === void 0 || !ifNotSet))
            dst[keys[i]] = src[keys[i]];
      }
      return dst;
    }
    util.merge = merge;
    util.nestingLimit = 32;
    util.recursionLimit = 100;
    util.makeProp = function makeProp(obj, key) {
      Object.defineProperty(obj, key, {
        enumerable: true,
        configurable: true,
        writable: true
      });
    };
    util.lcFirst = function lcFirst(str) {
      return str.charAt(0).toLowerCase() + str.substring(1);
    };
    function newError(name) {
      function CustomError(message, properties) {
        if (!(this instanceof CustomError))
          return new CustomError(message, properties);
        Object.defineProperty(this, "message", { get: function() {
          return message;
        } });
        if (Error.captureStackTrace)
          Error.captureStackTrace(this, CustomError);
        else
          Object.defineProperty(this, "stack", { value: new Error().stack || "" });
        if (properties)
          merge(this, properties);
      }
      CustomError.prototype = Object.create(Error.prototype, {
        constructor: {
          value: CustomError,
          writable: true,
          enumerable: false,
          configurable: true
        },
        name: {
          get: function get() {
            return name;
          },
          set: void 0,
          enumerable: false,
          // configurable: false would accurately preserve the behavior of
          // the original, but I'm guessing that was not intentional.
          // For an actual error subclass, this property would
          // be configurable.
          configurable: true
        },
        toString: {
          value: function value() {
            return this.name + ": " + this.message;
          },
          writable: true,
          enumerable: false,
          configurable: true
        }
      });
      return CustomError;
    }
    util.newError = newError;
    util.ProtocolError = newError("ProtocolError");
    util.oneOfGetter = function getOneOf(fieldNames) {
      var fieldMap = {};
      for (var i = 0; i < fieldNames.length; ++i)
        fieldMap[fieldNames[i]] = 1;
      return function() {
        for (var keys = Object.keys(this), i2 = keys.length - 1; i2 > -1; --i2)
          if (fieldMap[keys[i2]] === 1 && this[keys[i2]] !== void 0 && this[keys[i2]] !== null)
            return keys[i2];
      };
    };
    util.oneOfSetter = function setOneOf(fieldNames) {
      return function(name) {
        for (var i = 0; i < fieldNames.length; ++i)
          if (fieldNames[i] !== name)
            delete this[fieldNames[i]];
      };
    };
    util.toJSONOptions = {
      longs: String,
      enums: String,
      bytes: String,
      json: true
    };
    util._configure = function() {
      var Buffer2 = util.Buffer;
      if (!Buffer2) {
        util._Buffer_from = util._Buffer_allocUnsafe = null;
        return;
      }
      util._Buffer_from = Buffer2.from !== Uint8Array.from && Buffer2.from || /* istanbul ignore next */
      function Buffer_from(value, encoding) {
        return new Buffer2(value, encoding);
      };
      util._Buffer_allocUnsafe = Buffer2.allocUnsafe || /* istanbul ignore next */
      function Buffer_allocUnsafe(size) {
        return new Buffer2(size);
      };
    };
  }
});

// node_modules/protobufjs/src/writer.js
var require_writer = __commonJS({
  "node_modules/protobufjs/src/writer.js"(exports, module) {
    "use strict";
    module.exports = Writer;
    var util = require_minimal();
    var BufferWriter;
    var LongBits = util.LongBits;
    var base64 = util.base64;
    var utf8 = util.utf8;
    function Op(fn, len, val) {
      this.fn = fn;
      this.len = len;
      this.next = void 0;
      this.val = val;
    }
    function noop() {
    }
    function State(writer) {
      this.head = writer.head;
      this.tail = writer.tail;
      this.len = writer.len;
      this.next = writer.states;
    }
    function Writer() {
      this.len = 0;
      this.head = new Op(noop, 0, 0);
      this.tail = this.head;
      this.states = null;
    }
    var create = function create2() {
      return util.Buffer ? function create_buffer_setup() {
        return (Writer.create = function create_buffer() {
          return new BufferWriter();
        })();
      } : function create_array() {
        return new Writer();
      };
    };
    Writer.create = create();
    Writer.alloc = function alloc(size) {
      return new util.Array(size);
    };
    if (util.Array !== Array)
      Writer.alloc = util.pool(Writer.alloc, util.Array.prototype.subarray);
    Writer.prototype._push = function push(fn, len, val) {
      this.tail = this.tail.next = new Op(fn, len, val);
      this.len += len;
      return this;
    };
    function writeByte(val, buf, pos) {
      buf[pos] = val & 255;
    }
    function writeVarint32(val, buf, pos) {
      while (val > 127) {
        buf[pos++] = val & 127 | 128;
        val >>>= 7;
      }
      buf[pos] = val;
    }
    function VarintOp(len, val) {
      this.len = len;
      this.next = void 0;
      this.val = val;
    }
    VarintOp.prototype = Object.create(Op.prototype);
    VarintOp.prototype.fn = writeVarint32;
    Writer.prototype.uint32 = function write_uint32(value) {
      this.len += (this.tail = this.tail.next = new VarintOp(
        (value = value >>> 0) < 128 ? 1 : value < 16384 ? 2 : value < 2097152 ? 3 : value < 268435456 ? 4 : 5,
        value
      )).len;
      return this;
    };
    Writer.prototype.int32 = function write_int32(value) {
      return (value |= 0) < 0 ? this._push(writeVarint64, 10, LongBits.fromNumber(value)) : this.uint32(value);
    };
    Writer.prototype.sint32 = function write_sint32(value) {
      return this.uint32((value << 1 ^ value >> 31) >>> 0);
    };
    function writeVarint64(val, buf, pos) {
      var lo = val.lo, hi = val.hi;
      while (hi) {
        buf[pos++] = lo & 127 | 128;
        lo = (lo >>> 7 | hi << 25) >>> 0;
        hi >>>= 7;
      }
      while (lo > 127) {
        buf[pos++] = lo & 127 | 128;
        lo = lo >>> 7;
      }
      buf[pos++] = lo;
    }
    Writer.prototype.uint64 = function write_uint64(value) {
      var bits = LongBits.from(value);
      return this._push(writeVarint64, bits.length(), bits);
    };
    Writer.prototype.int64 = Writer.prototype.uint64;
    Writer.prototype.sint64 = function write_sint64(value) {
      var bits = LongBits.from(value).zzEncode();
      return this._push(writeVarint64, bits.length(), bits);
    };
    Writer.prototype.bool = function write_bool(value) {
      return this._push(writeByte, 1, value ? 1 : 0);
    };
    function writeFixed32(val, buf, pos) {
      buf[pos] = val & 255;
      buf[pos + 1] = val >>> 8 & 255;
      buf[pos + 2] = val >>> 16 & 255;
      buf[pos + 3] = val >>> 24;
    }
    Writer.prototype.fixed32 = function write_fixed32(value) {
      return this._push(writeFixed32, 4, value >>> 0);
    };
    Writer.prototype.sfixed32 = Writer.prototype.fixed32;
    Writer.prototype.fixed64 = function write_fixed64(value) {
      var bits = LongBits.from(value);
      return this._push(writeFixed32, 4, bits.lo)._push(writeFixed32, 4, bits.hi);
    };
    Writer.prototype.sfixed64 = Writer.prototype.fixed64;
    Writer.prototype.float = function write_float(value) {
      return this._push(util.float.writeFloatLE, 4, value);
    };
    Writer.prototype.double = function write_double(value) {
      return this._push(util.float.writeDoubleLE, 8, value);
    };
    var writeBytes = util.Array.prototype.set ? function writeBytes_set(val, buf, pos) {
      buf.set(val, pos);
    } : function writeBytes_for(val, buf, pos) {
      for (var i = 0; i < val.length; ++i)
        buf[pos + i] = val[i];
    };
    Writer.prototype.bytes = function write_bytes(value) {
      var len = value.length >>> 0;
      if (!len)
        return this._push(writeByte, 1, 0);
      if (util.isString(value)) {
        var buf = Writer.alloc(len = base64.length(value));
        base64.decode(value, buf, 0);
        value = buf;
      }
      return this.uint32(len)._push(writeBytes, len, value);
    };
    Writer.prototype.string = function write_string(value) {
      var len = utf8.length(value);
      return len ? this.uint32(len)._push(utf8.write, len, value) : this._push(writeByte, 1, 0);
    };
    Writer.prototype.fork = function fork() {
      this.states = new State(this);
      this.head = this.tail = new Op(noop, 0, 0);
      this.len = 0;
      return this;
    };
    Writer.prototype.reset = function reset() {
      if (this.states) {
        this.head = this.states.head;
        this.tail = this.states.tail;
        this.len = this.states.len;
        this.states = this.states.next;
      } else {
        this.head = this.tail = new Op(noop, 0, 0);
        this.len = 0;
      }
      return this;
    };
    Writer.prototype.ldelim = function ldelim() {
      var head = this.head, tail = this.tail, len = this.len;
      this.reset().uint32(len);
      if (len) {
        this.tail.next = head.next;
        this.tail = tail;
        this.len += len;
      }
      return this;
    };
    Writer.prototype.finish = function finish() {
      var head = this.head.next, buf = this.constructor.alloc(this.len), pos = 0;
      while (head) {
        head.fn(head.val, buf, pos);
        pos += head.len;
        head = head.next;
      }
      return buf;
    };
    Writer._configure = function(BufferWriter_) {
      BufferWriter = BufferWriter_;
      Writer.create = create();
      BufferWriter._configure();
    };
  }
});

// node_modules/protobufjs/src/writer_buffer.js
var require_writer_buffer = __commonJS({
  "node_modules/protobufjs/src/writer_buffer.js"(exports, module) {
    "use strict";
    module.exports = BufferWriter;
    var Writer = require_writer();
    (BufferWriter.prototype = Object.create(Writer.prototype)).constructor = BufferWriter;
    var util = require_minimal();
    function BufferWriter() {
      Writer.call(this);
    }
    BufferWriter._configure = function() {
      BufferWriter.alloc = util._Buffer_allocUnsafe;
      BufferWriter.writeBytesBuffer = util.Buffer && util.Buffer.prototype instanceof Uint8Array && util.Buffer.prototype.set.name === "set" ? function writeBytesBuffer_set(val, buf, pos) {
        buf.set(val, pos);
      } : function writeBytesBuffer_copy(val, buf, pos) {
        if (val.copy)
          val.copy(buf, pos, 0, val.length);
        else for (var i = 0; i < val.length; )
          buf[pos++] = val[i++];
      };
    };
    BufferWriter.prototype.bytes = function write_bytes_buffer(value) {
      if (util.isString(value))
        value = util._Buffer_from(value, "base64");
      var len = value.length >>> 0;
      this.uint32(len);
      if (len)
        this._push(BufferWriter.writeBytesBuffer, len, value);
      return this;
    };
    function writeStringBuffer(val, buf, pos) {
      if (val.length < 40)
        util.utf8.write(val, buf, pos);
      else if (buf.utf8Write)
        buf.utf8Write(val, pos);
      else
        buf.write(val, pos);
    }
    BufferWriter.prototype.string = function write_string_buffer(value) {
      var len = util.Buffer.byteLength(value);
      this.uint32(len);
      if (len)
        this._push(writeStringBuffer, len, value);
      return this;
    };
    BufferWriter._configure();
  }
});

// node_modules/protobufjs/src/reader.js
var require_reader = __commonJS({
  "node_modules/protobufjs/src/reader.js"(exports, module) {
    "use strict";
    module.exports = Reader;
    var util = require_minimal();
    var BufferReader;
    var LongBits = util.LongBits;
    var utf8 = util.utf8;
    function indexOutOfRange(reader, writeLength) {
      return RangeError("index out of range: " + reader.pos + " + " + (writeLength || 1) + " > " + reader.len);
    }
    function Reader(buffer) {
      this.buf = buffer;
      this.pos = 0;
      this.len = buffer.length;
    }
    var create_array = typeof Uint8Array !== "undefined" ? function create_typed_array(buffer) {
      if (buffer instanceof Uint8Array || Array.isArray(buffer))
        return new Reader(buffer);
      throw Error("illegal buffer");
    } : function create_array2(buffer) {
      if (Array.isArray(buffer))
        return new Reader(buffer);
      throw Error("illegal buffer");
    };
    var create = function create2() {
      return util.Buffer ? function create_buffer_setup(buffer) {
        return (Reader.create = function create_buffer(buffer2) {
          return util.Buffer.isBuffer(buffer2) ? new BufferReader(buffer2) : create_array(buffer2);
        })(buffer);
      } : create_array;
    };
    Reader.create = create();
    Reader.prototype._slice = util.Array.prototype.subarray || /* istanbul ignore next */
    util.Array.prototype.slice;
    function readVarint32NearEnd(reader) {
      var value = 0;
      for (var i = 0; i < 4; ++i) {
        if (reader.pos >= reader.len)
          throw indexOutOfRange(reader);
        var b = reader.buf[reader.pos++];
        value = (value | (b & 127) << i * 7) >>> 0;
        if (b < 128)
          return value;
      }
      throw indexOutOfRange(reader);
    }
    Reader.prototype.uint32 = /* @__PURE__ */ (function read_uint32_setup() {
      var value = 4294967295;
      return function read_uint32() {
        if (this.len - this.pos < 5) {
          if (this.pos >= this.len)
            throw indexOutOfRange(this);
          if (this.buf[this.pos] >= 128)
            return readVarint32NearEnd(this);
        }
        value = (this.buf[this.pos] & 127) >>> 0;
        if (this.buf[this.pos++] < 128) return value;
        value = (value | (this.buf[this.pos] & 127) << 7) >>> 0;
        if (this.buf[this.pos++] < 128) return value;
        value = (value | (this.buf[this.pos] & 127) << 14) >>> 0;
        if (this.buf[this.pos++] < 128) return value;
        value = (value | (this.buf[this.pos] & 127) << 21) >>> 0;
        if (this.buf[this.pos++] < 128) return value;
        value = (value | (this.buf[this.pos] & 15) << 28) >>> 0;
        if (this.buf[this.pos++] < 128) return value;
        if ((this.pos += 5) > this.len) {
          this.pos = this.len;
          throw indexOutOfRange(this, 10);
        }
        return value;
      };
    })();
    Reader.prototype.int32 = function read_int32() {
      return this.uint32() | 0;
    };
    Reader.prototype.sint32 = function read_sint32() {
      var value = this.uint32();
      return value >>> 1 ^ -(value & 1) | 0;
    };
    function readLongVarint() {
      var bits = new LongBits(0, 0);
      var i = 0;
      if (this.len - this.pos > 4) {
        for (; i < 4; ++i) {
          bits.lo = (bits.lo | (this.buf[this.pos] & 127) << i * 7) >>> 0;
          if (this.buf[this.pos++] < 128)
            return bits;
        }
        bits.lo = (bits.lo | (this.buf[this.pos] & 127) << 28) >>> 0;
        bits.hi = (bits.hi | (this.buf[this.pos] & 127) >> 4) >>> 0;
        if (this.buf[this.pos++] < 128)
          return bits;
        i = 0;
      } else {
        for (; i < 3; ++i) {
          if (this.pos >= this.len)
            throw indexOutOfRange(this);
          bits.lo = (bits.lo | (this.buf[this.pos] & 127) << i * 7) >>> 0;
          if (this.buf[this.pos++] < 128)
            return bits;
        }
        bits.lo = (bits.lo | (this.buf[this.pos++] & 127) << i * 7) >>> 0;
        return bits;
      }
      if (this.len - this.pos > 4) {
        for (; i < 5; ++i) {
          bits.hi = (bits.hi | (this.buf[this.pos] & 127) << i * 7 + 3) >>> 0;
          if (this.buf[this.pos++] < 128)
            return bits;
        }
      } else {
        for (; i < 5; ++i) {
          if (this.pos >= this.len)
            throw indexOutOfRange(this);
          bits.hi = (bits.hi | (this.buf[this.pos] & 127) << i * 7 + 3) >>> 0;
          if (this.buf[this.pos++] < 128)
            return bits;
        }
      }
      throw Error("invalid varint encoding");
    }
    Reader.prototype.bool = function read_bool() {
      return this.uint32() !== 0;
    };
    function readFixed32_end(buf, end) {
      return (buf[end - 4] | buf[end - 3] << 8 | buf[end - 2] << 16 | buf[end - 1] << 24) >>> 0;
    }
    Reader.prototype.fixed32 = function read_fixed32() {
      if (this.pos + 4 > this.len)
        throw indexOutOfRange(this, 4);
      return readFixed32_end(this.buf, this.pos += 4);
    };
    Reader.prototype.sfixed32 = function read_sfixed32() {
      if (this.pos + 4 > this.len)
        throw indexOutOfRange(this, 4);
      return readFixed32_end(this.buf, this.pos += 4) | 0;
    };
    function readFixed64() {
      if (this.pos + 8 > this.len)
        throw indexOutOfRange(this, 8);
      return new LongBits(readFixed32_end(this.buf, this.pos += 4), readFixed32_end(this.buf, this.pos += 4));
    }
    Reader.prototype.float = function read_float() {
      if (this.pos + 4 > this.len)
        throw indexOutOfRange(this, 4);
      var value = util.float.readFloatLE(this.buf, this.pos);
      this.pos += 4;
      return value;
    };
    Reader.prototype.double = function read_double() {
      if (this.pos + 8 > this.len)
        throw indexOutOfRange(this, 4);
      var value = util.float.readDoubleLE(this.buf, this.pos);
      this.pos += 8;
      return value;
    };
    Reader.prototype.bytes = function read_bytes() {
      var length = this.uint32(), start = this.pos, end = this.pos + length;
      if (end > this.len)
        throw indexOutOfRange(this, length);
      this.pos += length;
      if (Array.isArray(this.buf))
        return this.buf.slice(start, end);
      if (start === end) {
        var nativeBuffer = util.Buffer;
        return nativeBuffer ? nativeBuffer.alloc(0) : new this.buf.constructor(0);
      }
      return this._slice.call(this.buf, start, end);
    };
    Reader.prototype.string = function read_string() {
      var bytes = this.bytes();
      return utf8.read(bytes, 0, bytes.length);
    };
    Reader.prototype.skip = function skip(length) {
      if (typeof length === "number") {
        if (this.pos + length > this.len)
          throw indexOutOfRange(this, length);
        this.pos += length;
      } else {
        do {
          if (this.pos >= this.len)
            throw indexOutOfRange(this);
        } while (this.buf[this.pos++] & 128);
      }
      return this;
    };
    Reader.recursionLimit = util.recursionLimit;
    Reader.prototype.skipType = function(wireType, depth) {
      if (depth === void 0) depth = 0;
      if (depth > Reader.recursionLimit)
        throw Error("maximum nesting depth exceeded");
      switch (wireType) {
        case 0:
          this.skip();
          break;
        case 1:
          this.skip(8);
          break;
        case 2:
          this.skip(this.uint32());
          break;
        case 3:
          while ((wireType = this.uint32() & 7) !== 4) {
            this.skipType(wireType, depth + 1);
          }
          break;
        case 5:
          this.skip(4);
          break;
        /* istanbul ignore next */
        default:
          throw Error("invalid wire type " + wireType + " at offset " + this.pos);
      }
      return this;
    };
    Reader._configure = function(BufferReader_) {
      BufferReader = BufferReader_;
      Reader.create = create();
      BufferReader._configure();
      var fn = util.Long ? "toLong" : (
        /* istanbul ignore next */
        "toNumber"
      );
      util.merge(Reader.prototype, {
        int64: function read_int64() {
          return readLongVarint.call(this)[fn](false);
        },
        uint64: function read_uint64() {
          return readLongVarint.call(this)[fn](true);
        },
        sint64: function read_sint64() {
          return readLongVarint.call(this).zzDecode()[fn](false);
        },
        fixed64: function read_fixed64() {
          return readFixed64.call(this)[fn](true);
        },
        sfixed64: function read_sfixed64() {
          return readFixed64.call(this)[fn](false);
        }
      });
    };
  }
});

// node_modules/protobufjs/src/reader_buffer.js
var require_reader_buffer = __commonJS({
  "node_modules/protobufjs/src/reader_buffer.js"(exports, module) {
    "use strict";
    module.exports = BufferReader;
    var Reader = require_reader();
    (BufferReader.prototype = Object.create(Reader.prototype)).constructor = BufferReader;
    var util = require_minimal();
    function BufferReader(buffer) {
      Reader.call(this, buffer);
    }
    BufferReader._configure = function() {
      if (util.Buffer)
        BufferReader.prototype._slice = util.Buffer.prototype.slice;
    };
    BufferReader.prototype.string = function read_string_buffer() {
      var len = this.uint32();
      return this.buf.utf8Slice ? this.buf.utf8Slice(this.pos, this.pos = Math.min(this.pos + len, this.len)) : this.buf.toString("utf-8", this.pos, this.pos = Math.min(this.pos + len, this.len));
    };
    BufferReader._configure();
  }
});

// node_modules/protobufjs/src/rpc/service.js
var require_service = __commonJS({
  "node_modules/protobufjs/src/rpc/service.js"(exports, module) {
    "use strict";
    module.exports = Service;
    var util = require_minimal();
    (Service.prototype = Object.create(util.EventEmitter.prototype)).constructor = Service;
    function Service(rpcImpl, requestDelimited, responseDelimited) {
      if (typeof rpcImpl !== "function")
        throw TypeError("rpcImpl must be a function");
      util.EventEmitter.call(this);
      this.rpcImpl = rpcImpl;
      this.requestDelimited = Boolean(requestDelimited);
      this.responseDelimited = Boolean(responseDelimited);
    }
    Service.prototype.rpcCall = function rpcCall(method, requestCtor, responseCtor, request, callback) {
      if (!request)
        throw TypeError("request must be specified");
      var self2 = this;
      if (!callback)
        return util.asPromise(rpcCall, self2, method, requestCtor, responseCtor, request);
      if (!self2.rpcImpl) {
        setTimeout(function() {
          callback(Error("already ended"));
        }, 0);
        return void 0;
      }
      try {
        return self2.rpcImpl(
          method,
          requestCtor[self2.requestDelimited ? "encodeDelimited" : "encode"](request).finish(),
          function rpcCallback(err, response) {
            if (err) {
              self2.emit("error", err, method);
              return callback(err);
            }
            if (response === null) {
              self2.end(
                /* endedByRPC */
                true
              );
              return void 0;
            }
            if (!(response instanceof responseCtor)) {
              try {
                response = responseCtor[self2.responseDelimited ? "decodeDelimited" : "decode"](response);
              } catch (err2) {
                self2.emit("error", err2, method);
                return callback(err2);
              }
            }
            self2.emit("data", response, method);
            return callback(null, response);
          }
        );
      } catch (err) {
        self2.emit("error", err, method);
        setTimeout(function() {
          callback(err);
        }, 0);
        return void 0;
      }
    };
    Service.prototype.end = function end(endedByRPC) {
      if (this.rpcImpl) {
        if (!endedByRPC)
          this.rpcImpl(null, null, null);
        this.rpcImpl = null;
        this.emit("end").off();
      }
      return this;
    };
  }
});

// node_modules/protobufjs/src/rpc.js
var require_rpc = __commonJS({
  "node_modules/protobufjs/src/rpc.js"(exports) {
    "use strict";
    var rpc = exports;
    rpc.Service = require_service();
  }
});

// node_modules/protobufjs/src/roots.js
var require_roots = __commonJS({
  "node_modules/protobufjs/src/roots.js"(exports, module) {
    "use strict";
    module.exports = /* @__PURE__ */ Object.create(null);
  }
});

// node_modules/protobufjs/src/index-minimal.js
var require_index_minimal = __commonJS({
  "node_modules/protobufjs/src/index-minimal.js"(exports) {
    "use strict";
    var protobuf3 = exports;
    protobuf3.build = "minimal";
    protobuf3.Writer = require_writer();
    protobuf3.BufferWriter = require_writer_buffer();
    protobuf3.Reader = require_reader();
    protobuf3.BufferReader = require_reader_buffer();
    protobuf3.util = require_minimal();
    protobuf3.rpc = require_rpc();
    protobuf3.roots = require_roots();
    protobuf3.configure = configure;
    function configure() {
      protobuf3.util._configure();
      protobuf3.Writer._configure(protobuf3.BufferWriter);
      protobuf3.Reader._configure(protobuf3.BufferReader);
    }
    configure();
  }
});

// node_modules/@protobufjs/codegen/index.js
var require_codegen = __commonJS({
  "node_modules/@protobufjs/codegen/index.js"(exports, module) {
    "use strict";
    module.exports = codegen;
    var reservedRe = /^(?:do|if|in|for|let|new|try|var|case|else|enum|eval|false|null|this|true|void|with|break|catch|class|const|super|throw|while|yield|delete|export|import|public|return|static|switch|typeof|default|extends|finally|package|private|continue|debugger|function|arguments|interface|protected|implements|instanceof)$/;
    function codegen(functionParams, functionName) {
      if (typeof functionParams === "string") {
        functionName = functionParams;
        functionParams = void 0;
      }
      var body = [];
      function Codegen(formatStringOrScope) {
        if (typeof formatStringOrScope !== "string") {
          var source = toString();
          if (codegen.verbose)
            console.log("codegen: " + source);
          source = "return " + source;
          if (formatStringOrScope) {
            var scopeKeys = Object.keys(formatStringOrScope), scopeParams = new Array(scopeKeys.length + 1), scopeValues = new Array(scopeKeys.length), scopeOffset = 0;
            while (scopeOffset < scopeKeys.length) {
              scopeParams[scopeOffset] = scopeKeys[scopeOffset];
              scopeValues[scopeOffset] = formatStringOrScope[scopeKeys[scopeOffset++]];
            }
            scopeParams[scopeOffset] = source;
            return Function.apply(null, scopeParams).apply(null, scopeValues);
          }
          return Function(source)();
        }
        var formatParams = new Array(arguments.length - 1), formatOffset = 0;
        while (formatOffset < formatParams.length)
          formatParams[formatOffset] = arguments[++formatOffset];
        formatOffset = 0;
        formatStringOrScope = formatStringOrScope.replace(/%([%dfijs])/g, function replace($0, $1) {
          var value = formatParams[formatOffset++];
          switch ($1) {
            case "d":
            case "f":
              return String(Number(value));
            case "i":
              return String(Math.floor(value));
            case "j":
              return JSON.stringify(value);
            case "s":
              return String(value);
          }
          return "%";
        });
        if (formatOffset !== formatParams.length)
          throw Error("parameter count mismatch");
        body.push(formatStringOrScope);
        return Codegen;
      }
      function toString(functionNameOverride) {
        return "function " + safeFunctionName(functionNameOverride || functionName) + "(" + (functionParams && functionParams.join(",") || "") + "){\n  " + body.join("\n  ") + "\n}";
      }
      Codegen.toString = toString;
      return Codegen;
    }
    codegen.verbose = false;
    function safeFunctionName(name) {
      if (!name)
        return "";
      name = String(name).replace(/[^\w$]/g, "");
      if (!name)
        return "";
      if (/^\d/.test(name))
        name = "_" + name;
      return reservedRe.test(name) ? name + "_" : name;
    }
  }
});

// node_modules/@protobufjs/fetch/util/fs.js
var require_fs = __commonJS({
  "node_modules/@protobufjs/fetch/util/fs.js"(exports, module) {
    "use strict";
    var fs6 = null;
    try {
      fs6 = __require(
        /* webpackIgnore: true */
        "fs"
      );
      if (!fs6 || !fs6.readFile || !fs6.readFileSync)
        fs6 = null;
    } catch (e) {
    }
    module.exports = fs6;
  }
});

// node_modules/@protobufjs/fetch/index.js
var require_fetch = __commonJS({
  "node_modules/@protobufjs/fetch/index.js"(exports, module) {
    "use strict";
    module.exports = fetch;
    var asPromise = require_aspromise();
    var fs6 = require_fs();
    function fetch(filename, options, callback) {
      if (typeof options === "function") {
        callback = options;
        options = {};
      } else if (!options)
        options = {};
      if (!callback)
        return asPromise(fetch, this, filename, options);
      if (!options.xhr && fs6 && fs6.readFile)
        return fs6.readFile(filename, function fetchReadFileCallback(err, contents) {
          return err && typeof XMLHttpRequest !== "undefined" ? fetch.xhr(filename, options, callback) : err ? callback(err) : callback(null, options.binary ? contents : contents.toString("utf8"));
        });
      return fetch.xhr(filename, options, callback);
    }
    fetch.xhr = function fetch_xhr(filename, options, callback) {
      var xhr = new XMLHttpRequest();
      xhr.onreadystatechange = function fetchOnReadyStateChange() {
        if (xhr.readyState !== 4)
          return void 0;
        if (xhr.status !== 0 && xhr.status !== 200)
          return callback(Error("status " + xhr.status));
        if (options.binary) {
          var buffer = xhr.response;
          if (!buffer) {
            buffer = [];
            for (var i = 0; i < xhr.responseText.length; ++i)
              buffer.push(xhr.responseText.charCodeAt(i) & 255);
          }
          return callback(null, typeof Uint8Array !== "undefined" ? new Uint8Array(buffer) : buffer);
        }
        return callback(null, xhr.responseText);
      };
      if (options.binary) {
        if ("overrideMimeType" in xhr)
          xhr.overrideMimeType("text/plain; charset=x-user-defined");
        xhr.responseType = "arraybuffer";
      }
      xhr.open("GET", filename);
      xhr.send();
    };
  }
});

// node_modules/@protobufjs/path/index.js
var require_path = __commonJS({
  "node_modules/@protobufjs/path/index.js"(exports) {
    "use strict";
    var path6 = exports;
    var isAbsolute = (
      /**
       * Tests if the specified path is absolute.
       * @param {string} path Path to test
       * @returns {boolean} `true` if path is absolute
       */
      path6.isAbsolute = function isAbsolute2(path7) {
        return /^(?:\/|\w+:)/.test(path7);
      }
    );
    var normalize = (
      /**
       * Normalizes the specified path.
       * @param {string} path Path to normalize
       * @returns {string} Normalized path
       */
      path6.normalize = function normalize2(path7) {
        path7 = path7.replace(/\\/g, "/").replace(/\/{2,}/g, "/");
        var parts = path7.split("/"), absolute = isAbsolute(path7), prefix = "";
        if (absolute)
          prefix = parts.shift() + "/";
        for (var i = 0; i < parts.length; ) {
          if (parts[i] === "..") {
            if (i > 0 && parts[i - 1] !== "..")
              parts.splice(--i, 2);
            else if (absolute)
              parts.splice(i, 1);
            else
              ++i;
          } else if (parts[i] === ".")
            parts.splice(i, 1);
          else
            ++i;
        }
        return prefix + parts.join("/");
      }
    );
    path6.resolve = function resolve(originPath, includePath, alreadyNormalized) {
      if (!alreadyNormalized)
        includePath = normalize(includePath);
      if (isAbsolute(includePath))
        return includePath;
      if (!alreadyNormalized)
        originPath = normalize(originPath);
      return (originPath = originPath.replace(/(?:\/|^)[^/]+$/, "")).length ? normalize(originPath + "/" + includePath) : includePath;
    };
  }
});

// node_modules/protobufjs/src/util/patterns.js
var require_patterns = __commonJS({
  "node_modules/protobufjs/src/util/patterns.js"(exports) {
    "use strict";
    var patterns = exports;
    patterns.numberRe = /^(?![eE])[0-9]*(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?$/;
    patterns.typeRefRe = /^(?:\.?[a-zA-Z_][a-zA-Z_0-9]*)(?:\.[a-zA-Z_][a-zA-Z_0-9]*)*$/;
    patterns.reservedRe = /^(?:do|if|in|for|let|new|try|var|case|else|enum|eval|false|null|this|true|void|with|break|catch|class|const|super|throw|while|yield|delete|export|import|public|return|static|switch|typeof|default|extends|finally|package|private|continue|debugger|function|arguments|interface|protected|implements|instanceof)$/;
  }
});

// node_modules/protobufjs/src/util/fs.js
var require_fs2 = __commonJS({
  "node_modules/protobufjs/src/util/fs.js"(exports, module) {
    "use strict";
    var fs6 = null;
    try {
      fs6 = __require(
        /* webpackIgnore: true */
        "fs"
      );
      if (!fs6 || !fs6.readFile || !fs6.readFileSync)
        fs6 = null;
    } catch (e) {
    }
    module.exports = fs6;
  }
});

// node_modules/protobufjs/src/namespace.js
var require_namespace = __commonJS({
  "node_modules/protobufjs/src/namespace.js"(exports, module) {
    "use strict";
    module.exports = Namespace;
    var ReflectionObject = require_object();
    ((Namespace.prototype = Object.create(ReflectionObject.prototype)).constructor = Namespace).className = "Namespace";
    var Field = require_field();
    var util = require_util();
    var OneOf = require_oneof();
    var Type;
    var Service;
    var Enum;
    Namespace.fromJSON = function fromJSON(name, json, depth) {
      depth = util.checkDepth(depth);
      return new Namespace(name, json.options).addJSON(json.nested, depth);
    };
    function arrayToJSON(array, toJSONOptions) {
      if (!(array && array.length))
        return void 0;
      var obj = {};
      for (var i = 0; i < array.length; ++i)
        obj[array[i].name] = array[i].toJSON(toJSONOptions);
      return obj;
    }
    Namespace.arrayToJSON = arrayToJSON;
    Namespace.isReservedId = function isReservedId(reserved, id) {
      if (reserved) {
        for (var i = 0; i < reserved.length; ++i)
          if (typeof reserved[i] !== "string" && reserved[i][0] <= id && reserved[i][1] > id)
            return true;
      }
      return false;
    };
    Namespace.isReservedName = function isReservedName(reserved, name) {
      if (reserved) {
        for (var i = 0; i < reserved.length; ++i)
          if (reserved[i] === name)
            return true;
      }
      return false;
    };
    function Namespace(name, options) {
      ReflectionObject.call(this, name, options);
      this.nested = void 0;
      this._nestedArray = null;
      this._lookupCache = /* @__PURE__ */ Object.create(null);
      this._needsRecursiveFeatureResolution = true;
      this._needsRecursiveResolve = true;
    }
    function clearCache(namespace) {
      namespace._nestedArray = null;
      namespace._lookupCache = /* @__PURE__ */ Object.create(null);
      var parent = namespace;
      while (parent = parent.parent) {
        parent._lookupCache = /* @__PURE__ */ Object.create(null);
      }
      return namespace;
    }
    Object.defineProperty(Namespace.prototype, "nestedArray", {
      get: function() {
        return this._nestedArray || (this._nestedArray = util.toArray(this.nested));
      }
    });
    Namespace.prototype.toJSON = function toJSON(toJSONOptions) {
      return util.toObject([
        "options",
        this.options,
        "nested",
        arrayToJSON(this.nestedArray, toJSONOptions)
      ]);
    };
    Namespace.prototype.addJSON = function addJSON(nestedJson, depth) {
      depth = util.checkDepth(depth);
      var ns = this;
      if (nestedJson) {
        for (var names = Object.keys(nestedJson), i = 0, nested; i < names.length; ++i) {
          nested = nestedJson[names[i]];
          ns.add(
            // most to least likely
            (nested.fields !== void 0 ? Type.fromJSON : nested.values !== void 0 ? Enum.fromJSON : nested.methods !== void 0 ? Service.fromJSON : nested.id !== void 0 ? Field.fromJSON : Namespace.fromJSON)(names[i], nested, depth + 1)
          );
        }
      }
      return this;
    };
    Namespace.prototype.get = function get(name) {
      return this.nested && Object.prototype.hasOwnProperty.call(this.nested, name) ? this.nested[name] : null;
    };
    Namespace.prototype.getEnum = function getEnum(name) {
      if (this.nested && Object.prototype.hasOwnProperty.call(this.nested, name) && this.nested[name] instanceof Enum)
        return this.nested[name].values;
      throw Error("no such enum: " + name);
    };
    Namespace.prototype.add = function add(object) {
      if (!(object instanceof Field && object.extend !== void 0 || object instanceof Type || object instanceof OneOf || object instanceof Enum || object instanceof Service || object instanceof Namespace))
        throw TypeError("object must be a valid nested object");
      if (object.name === "__proto__")
        return this;
      if (!this.nested)
        this.nested = {};
      else {
        var prev = this.get(object.name);
        if (prev) {
          if (prev instanceof Namespace && object instanceof Namespace && !(prev instanceof Type || prev instanceof Service)) {
            var nested = prev.nestedArray;
            for (var i = 0; i < nested.length; ++i)
              object.add(nested[i]);
            this.remove(prev);
            if (!this.nested)
              this.nested = {};
            object.setOptions(prev.options, true);
          } else
            throw Error("duplicate name '" + object.name + "' in " + this);
        }
      }
      this.nested[object.name] = object;
      if (!(this instanceof Type || this instanceof Service || this instanceof Enum || this instanceof Field)) {
        if (!object._edition) {
          object._edition = object._defaultEdition;
        }
      }
      this._needsRecursiveFeatureResolution = true;
      this._needsRecursiveResolve = true;
      var parent = this;
      while (parent = parent.parent) {
        parent._needsRecursiveFeatureResolution = true;
        parent._needsRecursiveResolve = true;
      }
      object.onAdd(this);
      return clearCache(this);
    };
    Namespace.prototype.remove = function remove(object) {
      if (!(object instanceof ReflectionObject))
        throw TypeError("object must be a ReflectionObject");
      if (object.parent !== this)
        throw Error(object + " is not a member of " + this);
      delete this.nested[object.name];
      if (!Object.keys(this.nested).length)
        this.nested = void 0;
      object.onRemove(this);
      return clearCache(this);
    };
    Namespace.prototype.define = function define2(path6, json) {
      if (util.isString(path6))
        path6 = path6.split(".");
      else if (!Array.isArray(path6))
        throw TypeError("illegal path");
      if (path6 && path6.length && path6[0] === "")
        throw Error("path must be relative");
      if (path6.length > util.recursionLimit)
        throw Error("max depth exceeded");
      var ptr = this;
      while (path6.length > 0) {
        var part = path6.shift();
        if (ptr.nested && ptr.nested[part]) {
          ptr = ptr.nested[part];
          if (!(ptr instanceof Namespace))
            throw Error("path conflicts with non-namespace objects");
        } else
          ptr.add(ptr = new Namespace(part));
      }
      if (json)
        ptr.addJSON(json);
      return ptr;
    };
    Namespace.prototype.resolveAll = function resolveAll() {
      if (!this._needsRecursiveResolve) return this;
      this._resolveFeaturesRecursive(this._edition);
      var nested = this.nestedArray, i = 0;
      this.resolve();
      while (i < nested.length)
        if (nested[i] instanceof Namespace)
          nested[i++].resolveAll();
        else
          nested[i++].resolve();
      this._needsRecursiveResolve = false;
      return this;
    };
    Namespace.prototype._resolveFeaturesRecursive = function _resolveFeaturesRecursive(edition) {
      if (!this._needsRecursiveFeatureResolution) return this;
      this._needsRecursiveFeatureResolution = false;
      edition = this._edition || edition;
      ReflectionObject.prototype._resolveFeaturesRecursive.call(this, edition);
      this.nestedArray.forEach((nested) => {
        nested._resolveFeaturesRecursive(edition);
      });
      return this;
    };
    Namespace.prototype.lookup = function lookup(path6, filterTypes, parentAlreadyChecked) {
      if (typeof filterTypes === "boolean") {
        parentAlreadyChecked = filterTypes;
        filterTypes = void 0;
      } else if (filterTypes && !Array.isArray(filterTypes))
        filterTypes = [filterTypes];
      if (util.isString(path6) && path6.length) {
        if (path6 === ".")
          return this.root;
        path6 = path6.split(".");
      } else if (!path6.length)
        return this;
      var flatPath = path6.join(".");
      if (path6[0] === "")
        return this.root.lookup(path6.slice(1), filterTypes);
      var found = this.root._fullyQualifiedObjects && this.root._fullyQualifiedObjects["." + flatPath];
      if (found && (!filterTypes || filterTypes.indexOf(found.constructor) > -1)) {
        return found;
      }
      found = this._lookupImpl(path6, flatPath);
      if (found && (!filterTypes || filterTypes.indexOf(found.constructor) > -1)) {
        return found;
      }
      if (parentAlreadyChecked)
        return null;
      var current = this;
      while (current.parent) {
        found = current.parent._lookupImpl(path6, flatPath);
        if (found && (!filterTypes || filterTypes.indexOf(found.constructor) > -1)) {
          return found;
        }
        current = current.parent;
      }
      return null;
    };
    Namespace.prototype._lookupImpl = function lookup(path6, flatPath) {
      if (Object.prototype.hasOwnProperty.call(this._lookupCache, flatPath)) {
        return this._lookupCache[flatPath];
      }
      var found = this.get(path6[0]);
      var exact = null;
      if (found) {
        if (path6.length === 1) {
          exact = found;
        } else if (found instanceof Namespace) {
          path6 = path6.slice(1);
          exact = found._lookupImpl(path6, path6.join("."));
        }
      } else {
        for (var i = 0; i < this.nestedArray.length; ++i)
          if (this._nestedArray[i] instanceof Namespace && (found = this._nestedArray[i]._lookupImpl(path6, flatPath))) {
            exact = found;
            break;
          }
      }
      this._lookupCache[flatPath] = exact;
      return exact;
    };
    Namespace.prototype.lookupType = function lookupType(path6) {
      var found = this.lookup(path6, [Type]);
      if (!found)
        throw Error("no such type: " + path6);
      return found;
    };
    Namespace.prototype.lookupEnum = function lookupEnum(path6) {
      var found = this.lookup(path6, [Enum]);
      if (!found)
        throw Error("no such Enum '" + path6 + "' in " + this);
      return found;
    };
    Namespace.prototype.lookupTypeOrEnum = function lookupTypeOrEnum(path6) {
      var found = this.lookup(path6, [Type, Enum]);
      if (!found)
        throw Error("no such Type or Enum '" + path6 + "' in " + this);
      return found;
    };
    Namespace.prototype.lookupService = function lookupService(path6) {
      var found = this.lookup(path6, [Service]);
      if (!found)
        throw Error("no such Service '" + path6 + "' in " + this);
      return found;
    };
    Namespace._configure = function(Type_, Service_, Enum_) {
      Type = Type_;
      Service = Service_;
      Enum = Enum_;
    };
  }
});

// node_modules/protobufjs/src/mapfield.js
var require_mapfield = __commonJS({
  "node_modules/protobufjs/src/mapfield.js"(exports, module) {
    "use strict";
    module.exports = MapField;
    var Field = require_field();
    ((MapField.prototype = Object.create(Field.prototype)).constructor = MapField).className = "MapField";
    var types2 = require_types();
    var util = require_util();
    function MapField(name, id, keyType, type, options, comment) {
      Field.call(this, name, id, type, void 0, void 0, options, comment);
      if (!util.isString(keyType))
        throw TypeError("keyType must be a string");
      this.keyType = keyType;
      this.resolvedKeyType = null;
      this.map = true;
    }
    MapField.fromJSON = function fromJSON(name, json) {
      return new MapField(name, json.id, json.keyType, json.type, json.options, json.comment);
    };
    MapField.prototype.toJSON = function toJSON(toJSONOptions) {
      var keepComments = toJSONOptions ? Boolean(toJSONOptions.keepComments) : false;
      return util.toObject([
        "keyType",
        this.keyType,
        "type",
        this.type,
        "id",
        this.id,
        "extend",
        this.extend,
        "options",
        this.options,
        "comment",
        keepComments ? this.comment : void 0
      ]);
    };
    MapField.prototype.resolve = function resolve() {
      if (this.resolved)
        return this;
      if (types2.mapKey[this.keyType] === void 0)
        throw Error("invalid key type: " + this.keyType);
      return Field.prototype.resolve.call(this);
    };
    MapField.d = function decorateMapField(fieldId, fieldKeyType, fieldValueType) {
      if (typeof fieldValueType === "function")
        fieldValueType = util.decorateType(fieldValueType).name;
      else if (fieldValueType && typeof fieldValueType === "object")
        fieldValueType = util.decorateEnum(fieldValueType).name;
      return function mapFieldDecorator(prototype, fieldName) {
        util.decorateType(prototype.constructor).add(new MapField(fieldName, fieldId, fieldKeyType, fieldValueType));
      };
    };
  }
});

// node_modules/protobufjs/src/method.js
var require_method = __commonJS({
  "node_modules/protobufjs/src/method.js"(exports, module) {
    "use strict";
    module.exports = Method;
    var ReflectionObject = require_object();
    ((Method.prototype = Object.create(ReflectionObject.prototype)).constructor = Method).className = "Method";
    var util = require_util();
    function Method(name, type, requestType, responseType, requestStream, responseStream, options, comment, parsedOptions) {
      if (util.isObject(requestStream)) {
        options = requestStream;
        requestStream = responseStream = void 0;
      } else if (util.isObject(responseStream)) {
        options = responseStream;
        responseStream = void 0;
      }
      if (!(type === void 0 || util.isString(type)))
        throw TypeError("type must be a string");
      if (!util.isString(requestType))
        throw TypeError("requestType must be a string");
      if (!util.isString(responseType))
        throw TypeError("responseType must be a string");
      ReflectionObject.call(this, name, options);
      this.type = type || "rpc";
      this.requestType = requestType;
      this.requestStream = requestStream ? true : void 0;
      this.responseType = responseType;
      this.responseStream = responseStream ? true : void 0;
      this.resolvedRequestType = null;
      this.resolvedResponseType = null;
      this.comment = comment;
      this.parsedOptions = parsedOptions;
    }
    Method.fromJSON = function fromJSON(name, json) {
      return new Method(name, json.type, json.requestType, json.responseType, json.requestStream, json.responseStream, json.options, json.comment, json.parsedOptions);
    };
    Method.prototype.toJSON = function toJSON(toJSONOptions) {
      var keepComments = toJSONOptions ? Boolean(toJSONOptions.keepComments) : false;
      return util.toObject([
        "type",
        this.type !== "rpc" && /* istanbul ignore next */
        this.type || void 0,
        "requestType",
        this.requestType,
        "requestStream",
        this.requestStream,
        "responseType",
        this.responseType,
        "responseStream",
        this.responseStream,
        "options",
        this.options,
        "comment",
        keepComments ? this.comment : void 0,
        "parsedOptions",
        this.parsedOptions
      ]);
    };
    Method.prototype.resolve = function resolve() {
      if (this.resolved)
        return this;
      this.resolvedRequestType = this.parent.lookupType(this.requestType);
      this.resolvedResponseType = this.parent.lookupType(this.responseType);
      return ReflectionObject.prototype.resolve.call(this);
    };
  }
});

// node_modules/protobufjs/src/service.js
var require_service2 = __commonJS({
  "node_modules/protobufjs/src/service.js"(exports, module) {
    "use strict";
    module.exports = Service;
    var Namespace = require_namespace();
    ((Service.prototype = Object.create(Namespace.prototype)).constructor = Service).className = "Service";
    var Method = require_method();
    var util = require_util();
    var rpc = require_rpc();
    function Service(name, options) {
      Namespace.call(this, name, options);
      this.methods = {};
      this._methodsArray = null;
    }
    Service.fromJSON = function fromJSON(name, json, depth) {
      depth = util.checkDepth(depth);
      var service = new Service(name, json.options);
      if (json.methods)
        for (var names = Object.keys(json.methods), i = 0; i < names.length; ++i)
          service.add(Method.fromJSON(names[i], json.methods[names[i]]));
      if (json.nested)
        service.addJSON(json.nested, depth);
      if (json.edition)
        service._edition = json.edition;
      service.comment = json.comment;
      service._defaultEdition = "proto3";
      return service;
    };
    Service.prototype.toJSON = function toJSON(toJSONOptions) {
      var inherited = Namespace.prototype.toJSON.call(this, toJSONOptions);
      var keepComments = toJSONOptions ? Boolean(toJSONOptions.keepComments) : false;
      return util.toObject([
        "edition",
        this._editionToJSON(),
        "options",
        inherited && inherited.options || void 0,
        "methods",
        Namespace.arrayToJSON(this.methodsArray, toJSONOptions) || /* istanbul ignore next */
        {},
        "nested",
        inherited && inherited.nested || void 0,
        "comment",
        keepComments ? this.comment : void 0
      ]);
    };
    Object.defineProperty(Service.prototype, "methodsArray", {
      get: function() {
        return this._methodsArray || (this._methodsArray = util.toArray(this.methods));
      }
    });
    function clearCache(service) {
      service._methodsArray = null;
      return service;
    }
    Service.prototype.get = function get(name) {
      return Object.prototype.hasOwnProperty.call(this.methods, name) ? this.methods[name] : Namespace.prototype.get.call(this, name);
    };
    Service.prototype.resolveAll = function resolveAll() {
      if (!this._needsRecursiveResolve) return this;
      Namespace.prototype.resolve.call(this);
      var methods = this.methodsArray;
      for (var i = 0; i < methods.length; ++i)
        methods[i].resolve();
      return this;
    };
    Service.prototype._resolveFeaturesRecursive = function _resolveFeaturesRecursive(edition) {
      if (!this._needsRecursiveFeatureResolution) return this;
      edition = this._edition || edition;
      Namespace.prototype._resolveFeaturesRecursive.call(this, edition);
      this.methodsArray.forEach((method) => {
        method._resolveFeaturesRecursive(edition);
      });
      return this;
    };
    Service.prototype.add = function add(object) {
      if (this.get(object.name))
        throw Error("duplicate name '" + object.name + "' in " + this);
      if (object instanceof Method) {
        if (object.name === "__proto__")
          return this;
        this.methods[object.name] = object;
        object.parent = this;
        return clearCache(this);
      }
      return Namespace.prototype.add.call(this, object);
    };
    Service.prototype.remove = function remove(object) {
      if (object instanceof Method) {
        if (this.methods[object.name] !== object)
          throw Error(object + " is not a member of " + this);
        delete this.methods[object.name];
        object.parent = null;
        return clearCache(this);
      }
      return Namespace.prototype.remove.call(this, object);
    };
    Service.prototype.create = function create(rpcImpl, requestDelimited, responseDelimited) {
      var rpcService = new rpc.Service(rpcImpl, requestDelimited, responseDelimited);
      for (var i = 0, method; i < /* initializes */
      this.methodsArray.length; ++i) {
        var methodName = util.lcFirst((method = this._methodsArray[i]).resolve().name).replace(/[^$\w_]/g, "");
        rpcService[methodName] = /* @__PURE__ */ (function(method2, requestType, responseType) {
          return function rpcMethod(request, callback) {
            return rpc.Service.prototype.rpcCall.call(this, method2, requestType, responseType, request, callback);
          };
        })(method, method.resolvedRequestType.ctor, method.resolvedResponseType.ctor);
      }
      return rpcService;
    };
  }
});

// node_modules/protobufjs/src/message.js
var require_message = __commonJS({
  "node_modules/protobufjs/src/message.js"(exports, module) {
    "use strict";
    module.exports = Message;
    var util = require_minimal();
    function Message(properties) {
      if (properties)
        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i) {
          var key = keys[i];
          if (key === "__proto__")
            continue;
          this[key] = properties[key];
        }
    }
    Message.create = function create(properties) {
      return this.$type.create(properties);
    };
    Message.encode = function encode(message, writer) {
      return this.$type.encode(message, writer);
    };
    Message.encodeDelimited = function encodeDelimited(message, writer) {
      return this.$type.encodeDelimited(message, writer);
    };
    Message.decode = function decode(reader) {
      return this.$type.decode(reader);
    };
    Message.decodeDelimited = function decodeDelimited(reader) {
      return this.$type.decodeDelimited(reader);
    };
    Message.verify = function verify(message) {
      return this.$type.verify(message);
    };
    Message.fromObject = function fromObject(object) {
      return this.$type.fromObject(object);
    };
    Message.toObject = function toObject(message, options) {
      return this.$type.toObject(message, options);
    };
    Message.prototype.toJSON = function toJSON() {
      return this.$type.toObject(this, util.toJSONOptions);
    };
  }
});

// node_modules/protobufjs/src/decoder.js
var require_decoder = __commonJS({
  "node_modules/protobufjs/src/decoder.js"(exports, module) {
    "use strict";
    module.exports = decoder;
    var Enum = require_enum();
    var types2 = require_types();
    var util = require_util();
    function missing(field) {
      return "missing required '" + field.name + "'";
    }
    function decoder(mtype) {
      var gen = util.codegen(["r", "l", "e", "n"], mtype.name + "$decode")("if(!(r instanceof Reader))")("r=Reader.create(r)")("if(n===undefined)n=0")("if(n>Reader.recursionLimit)")('throw Error("maximum nesting depth exceeded")')("var c,m" + (mtype.fieldsArray.filter(function(field2) {
        return field2.map;
      }).length ? ",k,value" : ""))("if(l===undefined)")("c=r.len")("else{")("c=r.pos+l")("if(c>r.len)")('throw RangeError("index out of range")')("l=r.len")("r.len=c")("}")("m=new this.ctor")("while(r.pos<c){")("var t=r.uint32()")("if(t===e)")("break")("switch(t>>>3){");
      var i = 0;
      for (; i < /* initializes */
      mtype.fieldsArray.length; ++i) {
        var field = mtype._fieldsArray[i].resolve(), type = field.resolvedType instanceof Enum ? "int32" : field.type, ref = "m" + util.safeProp(field.name);
        gen("case %i: {", field.id);
        if (field.map) {
          gen("if(%s===util.emptyObject)", ref)("%s={}", ref)("var c2=r.uint32()+r.pos")("if(c2>r.len)")('throw RangeError("index out of range")')("r.len=c2");
          if (types2.defaults[field.keyType] !== void 0) gen("k=%j", types2.defaults[field.keyType]);
          else gen("k=null");
          if (types2.defaults[type] !== void 0) gen("value=%j", types2.defaults[type]);
          else gen("value=null");
          gen("while(r.pos<c2){")("var tag2=r.uint32()")("switch(tag2>>>3){")("case 1: k=r.%s(); break", field.keyType)("case 2:");
          if (types2.basic[type] === void 0) gen("value=types[%i].decode(r,r.uint32(),undefined,n+1)", i);
          else gen("value=r.%s()", type);
          gen("break")("default:")("r.skipType(tag2&7,n)")("break")("}")("}")("if(r.pos!==c2)")('throw RangeError("index out of range")')("r.len=c");
          if (types2.long[field.keyType] !== void 0) gen('%s[typeof k==="object"?util.longToHash(k):k]=value', ref);
          else {
            if (field.keyType === "string") gen('if(k==="__proto__")')("util.makeProp(%s,k)", ref);
            gen("%s[k]=value", ref);
          }
        } else if (field.repeated) {
          gen("if(!(%s&&%s.length))", ref, ref)("%s=[]", ref);
          if (types2.packed[type] !== void 0) gen("if((t&7)===2){")("var c2=r.uint32()+r.pos")("if(c2>r.len)")('throw RangeError("index out of range")')("r.len=c2")("while(r.pos<c2)")("%s.push(r.%s())", ref, type)("if(r.pos!==c2)")('throw RangeError("index out of range")')("r.len=c")("}else");
          if (types2.basic[type] === void 0) gen(field.delimited ? "%s.push(types[%i].decode(r,undefined,((t&~7)|4),n+1))" : "%s.push(types[%i].decode(r,r.uint32(),undefined,n+1))", ref, i);
          else gen("%s.push(r.%s())", ref, type);
        } else if (types2.basic[type] === void 0) gen(field.delimited ? "%s=types[%i].decode(r,undefined,((t&~7)|4),n+1)" : "%s=types[%i].decode(r,r.uint32(),undefined,n+1)", ref, i);
        else gen("%s=r.%s()", ref, type);
        gen("break")("}");
      }
      gen("default:")("r.skipType(t&7,n)")("break")("}")("}");
      gen("if(l!==undefined){")("if(r.pos!==c)")('throw RangeError("index out of range")')("r.len=l")("}");
      for (i = 0; i < mtype._fieldsArray.length; ++i) {
        var rfield = mtype._fieldsArray[i];
        if (rfield.required) gen("if(!Object.hasOwnProperty.call(m,%j))", rfield.name)("throw util.ProtocolError(%j,{instance:m})", missing(rfield));
      }
      return gen("return m");
    }
  }
});

// node_modules/protobufjs/src/verifier.js
var require_verifier = __commonJS({
  "node_modules/protobufjs/src/verifier.js"(exports, module) {
    "use strict";
    module.exports = verifier;
    var Enum = require_enum();
    var util = require_util();
    function invalid(field, expected) {
      return field.name + ": " + expected + (field.repeated && expected !== "array" ? "[]" : field.map && expected !== "object" ? "{k:" + field.keyType + "}" : "") + " expected";
    }
    function genVerifyValue(gen, field, fieldIndex, ref) {
      if (field.resolvedType) {
        if (field.resolvedType instanceof Enum) {
          gen("switch(%s){", ref)("default:")("return%j", invalid(field, "enum value"));
          for (var keys = Object.keys(field.resolvedType.values), j = 0; j < keys.length; ++j) gen("case %i:", field.resolvedType.values[keys[j]]);
          gen("break")("}");
        } else {
          gen("{")("var e=types[%i].verify(%s,n+1);", fieldIndex, ref)("if(e)")("return%j+e", field.name + ".")("}");
        }
      } else {
        switch (field.type) {
          case "int32":
          case "uint32":
          case "sint32":
          case "fixed32":
          case "sfixed32":
            gen("if(!util.isInteger(%s))", ref)("return%j", invalid(field, "integer"));
            break;
          case "int64":
          case "uint64":
          case "sint64":
          case "fixed64":
          case "sfixed64":
            gen("if(!util.isInteger(%s)&&!(%s&&util.isInteger(%s.low)&&util.isInteger(%s.high)))", ref, ref, ref, ref)("return%j", invalid(field, "integer|Long"));
            break;
          case "float":
          case "double":
            gen('if(typeof %s!=="number")', ref)("return%j", invalid(field, "number"));
            break;
          case "bool":
            gen('if(typeof %s!=="boolean")', ref)("return%j", invalid(field, "boolean"));
            break;
          case "string":
            gen("if(!util.isString(%s))", ref)("return%j", invalid(field, "string"));
            break;
          case "bytes":
            gen('if(!(%s&&typeof %s.length==="number"||util.isString(%s)))', ref, ref, ref)("return%j", invalid(field, "buffer"));
            break;
        }
      }
      return gen;
    }
    function genVerifyKey(gen, field, ref) {
      switch (field.keyType) {
        case "int32":
        case "uint32":
        case "sint32":
        case "fixed32":
        case "sfixed32":
          gen("if(!util.key32Re.test(%s))", ref)("return%j", invalid(field, "integer key"));
          break;
        case "int64":
        case "uint64":
        case "sint64":
        case "fixed64":
        case "sfixed64":
          gen("if(!util.key64Re.test(%s))", ref)("return%j", invalid(field, "integer|Long key"));
          break;
        case "bool":
          gen("if(!util.key2Re.test(%s))", ref)("return%j", invalid(field, "boolean key"));
          break;
      }
      return gen;
    }
    function verifier(mtype) {
      var gen = util.codegen(["m", "n"], mtype.name + "$verify")('if(typeof m!=="object"||m===null)')("return%j", "object expected")("if(n===undefined)n=0")("if(n>util.recursionLimit)")("return%j", "maximum nesting depth exceeded");
      var oneofs = mtype.oneofsArray, seenFirstField = {};
      if (oneofs.length) gen("var p={}");
      for (var i = 0; i < /* initializes */
      mtype.fieldsArray.length; ++i) {
        var field = mtype._fieldsArray[i].resolve(), ref = "m" + util.safeProp(field.name);
        if (field.optional) gen("if(%s!=null&&Object.hasOwnProperty.call(m,%j)){", ref, field.name);
        if (field.map) {
          gen("if(!util.isObject(%s))", ref)("return%j", invalid(field, "object"))("var k=Object.keys(%s)", ref)("for(var i=0;i<k.length;++i){");
          genVerifyKey(gen, field, "k[i]");
          genVerifyValue(gen, field, i, ref + "[k[i]]")("}");
        } else if (field.repeated) {
          gen("if(!Array.isArray(%s))", ref)("return%j", invalid(field, "array"))("for(var i=0;i<%s.length;++i){", ref);
          genVerifyValue(gen, field, i, ref + "[i]")("}");
        } else {
          if (field.partOf) {
            var oneofProp = util.safeProp(field.partOf.name);
            if (seenFirstField[field.partOf.name] === 1) gen("if(p%s===1)", oneofProp)("return%j", field.partOf.name + ": multiple values");
            seenFirstField[field.partOf.name] = 1;
            gen("p%s=1", oneofProp);
          }
          genVerifyValue(gen, field, i, ref);
        }
        if (field.optional) gen("}");
      }
      return gen("return null");
    }
  }
});

// node_modules/protobufjs/src/converter.js
var require_converter = __commonJS({
  "node_modules/protobufjs/src/converter.js"(exports) {
    "use strict";
    var converter = exports;
    var Enum = require_enum();
    var util = require_util();
    function genValuePartial_fromObject(gen, field, fieldIndex, prop) {
      var defaultAlreadyEmitted = false;
      if (field.resolvedType) {
        if (field.resolvedType instanceof Enum) {
          gen("switch(d%s){", prop);
          for (var values2 = field.resolvedType.values, keys = Object.keys(values2), i = 0; i < keys.length; ++i) {
            if (values2[keys[i]] === field.typeDefault && !defaultAlreadyEmitted) {
              gen("default:")('if(typeof(d%s)==="number"){m%s=d%s;break}', prop, prop, prop);
              if (!field.repeated) gen("break");
              defaultAlreadyEmitted = true;
            }
            gen("case%j:", keys[i])("case %i:", values2[keys[i]])("m%s=%j", prop, values2[keys[i]])("break");
          }
          gen("}");
        } else gen("if(!util.isObject(d%s))", prop)("throw TypeError(%j)", field.fullName + ": object expected")("m%s=types[%i].fromObject(d%s,n+1)", prop, fieldIndex, prop);
      } else {
        var isUnsigned = false;
        switch (field.type) {
          case "double":
          case "float":
            gen("m%s=Number(d%s)", prop, prop);
            break;
          case "uint32":
          case "fixed32":
            gen("m%s=d%s>>>0", prop, prop);
            break;
          case "int32":
          case "sint32":
          case "sfixed32":
            gen("m%s=d%s|0", prop, prop);
            break;
          case "uint64":
          case "fixed64":
            isUnsigned = true;
          // eslint-disable-next-line no-fallthrough
          case "int64":
          case "sint64":
          case "sfixed64":
            gen("if(util.Long)")("m%s=util.Long.fromValue(d%s,%j)", prop, prop, isUnsigned)('else if(typeof d%s==="string")', prop)("m%s=parseInt(d%s,10)", prop, prop)('else if(typeof d%s==="number")', prop)("m%s=d%s", prop, prop)('else if(typeof d%s==="object")', prop)("m%s=new util.LongBits(d%s.low>>>0,d%s.high>>>0).toNumber(%s)", prop, prop, prop, isUnsigned ? "true" : "");
            break;
          case "bytes":
            gen('if(typeof d%s==="string")', prop)("util.base64.decode(d%s,m%s=util.newBuffer(util.base64.length(d%s)),0)", prop, prop, prop)("else if(d%s.length >= 0)", prop)("m%s=d%s", prop, prop);
            break;
          case "string":
            gen("m%s=String(d%s)", prop, prop);
            break;
          case "bool":
            gen("m%s=Boolean(d%s)", prop, prop);
            break;
        }
      }
      return gen;
    }
    converter.fromObject = function fromObject(mtype) {
      var fields = mtype.fieldsArray;
      var gen = util.codegen(["d", "n"], mtype.name + "$fromObject")("if(d instanceof this.ctor)")("return d");
      if (!fields.length) return gen("return new this.ctor");
      gen("if(!util.isObject(d))")("throw TypeError(%j)", mtype.fullName + ": object expected")("if(n===undefined)n=0")("if(n>util.recursionLimit)")('throw Error("maximum nesting depth exceeded")');
      gen("var m=new this.ctor");
      for (var i = 0; i < fields.length; ++i) {
        var field = fields[i].resolve(), prop = util.safeProp(field.name);
        if (field.map) {
          gen("if(d%s){", prop)("if(!util.isObject(d%s))", prop)("throw TypeError(%j)", field.fullName + ": object expected")("m%s={}", prop)("for(var ks=Object.keys(d%s),i=0;i<ks.length;++i){", prop);
          gen('if(ks[i]==="__proto__")')("util.makeProp(m%s,ks[i])", prop);
          genValuePartial_fromObject(
            gen,
            field,
            /* not sorted */
            i,
            prop + "[ks[i]]"
          )("}")("}");
        } else if (field.repeated) {
          gen("if(d%s){", prop)("if(!Array.isArray(d%s))", prop)("throw TypeError(%j)", field.fullName + ": array expected")("m%s=[]", prop)("for(var i=0;i<d%s.length;++i){", prop);
          genValuePartial_fromObject(
            gen,
            field,
            /* not sorted */
            i,
            prop + "[i]"
          )("}")("}");
        } else {
          if (!(field.resolvedType instanceof Enum)) gen("if(d%s!=null){", prop);
          genValuePartial_fromObject(
            gen,
            field,
            /* not sorted */
            i,
            prop
          );
          if (!(field.resolvedType instanceof Enum)) gen("}");
        }
      }
      return gen("return m");
    };
    function genValuePartial_toObject(gen, field, fieldIndex, prop) {
      if (field.resolvedType) {
        if (field.resolvedType instanceof Enum) gen("d%s=o.enums===String?(types[%i].values[m%s]===undefined?m%s:types[%i].values[m%s]):m%s", prop, fieldIndex, prop, prop, fieldIndex, prop, prop);
        else gen("d%s=types[%i].toObject(m%s,o,q+1)", prop, fieldIndex, prop);
      } else {
        var isUnsigned = false;
        switch (field.type) {
          case "double":
          case "float":
            gen("d%s=o.json&&!isFinite(m%s)?String(m%s):m%s", prop, prop, prop, prop);
            break;
          case "uint64":
          case "fixed64":
            isUnsigned = true;
          // eslint-disable-next-line no-fallthrough
          case "int64":
          case "sint64":
          case "sfixed64":
            gen('if(typeof BigInt!=="undefined"&&o.longs===BigInt)')('d%s=typeof m%s==="number"?BigInt(m%s):util.Long.fromBits(m%s.low>>>0,m%s.high>>>0,%j).toBigInt()', prop, prop, prop, prop, prop, isUnsigned)('else if(typeof m%s==="number")', prop)("d%s=o.longs===String?String(m%s):m%s", prop, prop, prop)("else")("d%s=o.longs===String?util.Long.prototype.toString.call(m%s):o.longs===Number?new util.LongBits(m%s.low>>>0,m%s.high>>>0).toNumber(%s):m%s", prop, prop, prop, prop, isUnsigned ? "true" : "", prop);
            break;
          case "bytes":
            gen("d%s=o.bytes===String?util.base64.encode(m%s,0,m%s.length):o.bytes===Array?Array.prototype.slice.call(m%s):m%s", prop, prop, prop, prop, prop);
            break;
          default:
            gen("d%s=m%s", prop, prop);
            break;
        }
      }
      return gen;
    }
    converter.toObject = function toObject(mtype) {
      var fields = mtype.fieldsArray.slice().sort(util.compareFieldsById);
      if (!fields.length)
        return util.codegen()("return {}");
      var gen = util.codegen(["m", "o", "q"], mtype.name + "$toObject")("if(!o)")("o={}")("if(q===undefined)q=0")("if(q>util.recursionLimit)")('throw Error("max depth exceeded")')("var d={}");
      var repeatedFields = [], mapFields = [], normalFields = [], i = 0;
      for (; i < fields.length; ++i)
        if (!fields[i].partOf)
          (fields[i].resolve().repeated ? repeatedFields : fields[i].map ? mapFields : normalFields).push(fields[i]);
      if (repeatedFields.length) {
        gen("if(o.arrays||o.defaults){");
        for (i = 0; i < repeatedFields.length; ++i) gen("d%s=[]", util.safeProp(repeatedFields[i].name));
        gen("}");
      }
      if (mapFields.length) {
        gen("if(o.objects||o.defaults){");
        for (i = 0; i < mapFields.length; ++i) gen("d%s={}", util.safeProp(mapFields[i].name));
        gen("}");
      }
      if (normalFields.length) {
        gen("if(o.defaults){");
        for (i = 0; i < normalFields.length; ++i) {
          var field = normalFields[i], prop = util.safeProp(field.name);
          if (field.resolvedType instanceof Enum) gen("d%s=o.enums===String?%j:%j", prop, field.resolvedType.valuesById[field.typeDefault], field.typeDefault);
          else if (field.long) gen("if(util.Long){")("var n=new util.Long(%i,%i,%j)", field.typeDefault.low, field.typeDefault.high, field.typeDefault.unsigned)('d%s=o.longs===String?n.toString():o.longs===Number?n.toNumber():typeof BigInt!=="undefined"&&o.longs===BigInt?n.toBigInt():n', prop)("}else")('d%s=o.longs===String?%j:typeof BigInt!=="undefined"&&o.longs===BigInt?BigInt(%j):%i', prop, field.typeDefault.toString(), field.typeDefault.toString(), field.typeDefault.toNumber());
          else if (field.bytes) {
            var arrayDefault = Array.prototype.slice.call(field.typeDefault);
            gen("if(o.bytes===String)d%s=%j", prop, String.fromCharCode.apply(String, field.typeDefault))("else{")("d%s=%j", prop, arrayDefault)("if(o.bytes!==Array)d%s=util.newBuffer(d%s)", prop, prop)("}");
          } else gen("d%s=%j", prop, field.typeDefault);
        }
        gen("}");
      }
      var hasKs2 = false;
      for (i = 0; i < fields.length; ++i) {
        var field = fields[i], index2 = mtype._fieldsArray.indexOf(field), prop = util.safeProp(field.name);
        if (field.map) {
          if (!hasKs2) {
            hasKs2 = true;
            gen("var ks2");
          }
          gen("if(m%s&&(ks2=Object.keys(m%s)).length){", prop, prop)("d%s={}", prop)("for(var j=0;j<ks2.length;++j){");
          gen('if(ks2[j]==="__proto__")')("util.makeProp(d%s,ks2[j])", prop);
          genValuePartial_toObject(
            gen,
            field,
            /* sorted */
            index2,
            prop + "[ks2[j]]"
          )("}");
        } else if (field.repeated) {
          gen("if(m%s&&m%s.length){", prop, prop)("d%s=[]", prop)("for(var j=0;j<m%s.length;++j){", prop);
          genValuePartial_toObject(
            gen,
            field,
            /* sorted */
            index2,
            prop + "[j]"
          )("}");
        } else {
          gen("if(m%s!=null&&Object.hasOwnProperty.call(m,%j)){", prop, field.name);
          genValuePartial_toObject(
            gen,
            field,
            /* sorted */
            index2,
            prop
          );
          if (field.partOf) gen("if(o.oneofs)")("d%s=%j", util.safeProp(field.partOf.name), field.name);
        }
        gen("}");
      }
      return gen("return d");
    };
  }
});

// node_modules/protobufjs/src/wrappers.js
var require_wrappers = __commonJS({
  "node_modules/protobufjs/src/wrappers.js"(exports) {
    "use strict";
    var wrappers = exports;
    var Message = require_message();
    var util = require_minimal();
    wrappers[".google.protobuf.Any"] = {
      fromObject: function(object, depth) {
        if (depth === void 0)
          depth = 0;
        if (depth > util.recursionLimit)
          throw Error("max depth exceeded");
        if (object && object["@type"]) {
          var name = object["@type"].substring(object["@type"].lastIndexOf("/") + 1);
          var type = this.lookup(name);
          if (type) {
            var type_url = object["@type"].charAt(0) === "." ? object["@type"].slice(1) : object["@type"];
            if (type_url.indexOf("/") === -1) {
              type_url = "/" + type_url;
            }
            return this.create({
              type_url,
              value: type.encode(type.fromObject(object, depth + 1)).finish()
            });
          }
        }
        return this.fromObject(object, depth);
      },
      toObject: function(message, options, depth) {
        if (depth === void 0)
          depth = 0;
        if (depth > util.recursionLimit)
          throw Error("max depth exceeded");
        var googleApi = "type.googleapis.com/";
        var prefix = "";
        var name = "";
        if (options && options.json && message.type_url && message.value) {
          name = message.type_url.substring(message.type_url.lastIndexOf("/") + 1);
          prefix = message.type_url.substring(0, message.type_url.lastIndexOf("/") + 1);
          var type = this.lookup(name);
          if (type)
            message = type.decode(message.value, void 0, void 0, depth + 1);
        }
        if (!(message instanceof this.ctor) && message instanceof Message) {
          var object = message.$type.toObject(message, options, depth + 1);
          var messageName = message.$type.fullName[0] === "." ? message.$type.fullName.slice(1) : message.$type.fullName;
          if (prefix === "") {
            prefix = googleApi;
          }
          name = prefix + messageName;
          object["@type"] = name;
          return object;
        }
        return this.toObject(message, options, depth);
      }
    };
  }
});

// node_modules/protobufjs/src/type.js
var require_type = __commonJS({
  "node_modules/protobufjs/src/type.js"(exports, module) {
    "use strict";
    module.exports = Type;
    var Namespace = require_namespace();
    ((Type.prototype = Object.create(Namespace.prototype)).constructor = Type).className = "Type";
    var Enum = require_enum();
    var OneOf = require_oneof();
    var Field = require_field();
    var MapField = require_mapfield();
    var Service = require_service2();
    var Message = require_message();
    var Reader = require_reader();
    var Writer = require_writer();
    var util = require_util();
    var encoder = require_encoder();
    var decoder = require_decoder();
    var verifier = require_verifier();
    var converter = require_converter();
    var wrappers = require_wrappers();
    function Type(name, options) {
      name = name.replace(/\W/g, "");
      Namespace.call(this, name, options);
      this.fields = {};
      this.oneofs = void 0;
      this.extensions = void 0;
      this.reserved = void 0;
      this.group = void 0;
      this._fieldsById = null;
      this._fieldsArray = null;
      this._oneofsArray = null;
      this._ctor = null;
    }
    Object.defineProperties(Type.prototype, {
      /**
       * Message fields by id.
       * @name Type#fieldsById
       * @type {Object.<number,Field>}
       * @readonly
       */
      fieldsById: {
        get: function() {
          if (this._fieldsById)
            return this._fieldsById;
          this._fieldsById = {};
          for (var names = Object.keys(this.fields), i = 0; i < names.length; ++i) {
            var field = this.fields[names[i]], id = field.id;
            if (this._fieldsById[id])
              throw Error("duplicate id " + id + " in " + this);
            this._fieldsById[id] = field;
          }
          return this._fieldsById;
        }
      },
      /**
       * Fields of this message as an array for iteration.
       * @name Type#fieldsArray
       * @type {Field[]}
       * @readonly
       */
      fieldsArray: {
        get: function() {
          return this._fieldsArray || (this._fieldsArray = util.toArray(this.fields));
        }
      },
      /**
       * Oneofs of this message as an array for iteration.
       * @name Type#oneofsArray
       * @type {OneOf[]}
       * @readonly
       */
      oneofsArray: {
        get: function() {
          return this._oneofsArray || (this._oneofsArray = util.toArray(this.oneofs));
        }
      },
      /**
       * The registered constructor, if any registered, otherwise a generic constructor.
       * Assigning a function replaces the internal constructor. If the function does not extend {@link Message} yet, its prototype will be setup accordingly and static methods will be populated. If it already extends {@link Message}, it will just replace the internal constructor.
       * @name Type#ctor
       * @type {Constructor<{}>}
       */
      ctor: {
        get: function() {
          return this._ctor || (this.ctor = Type.generateConstructor(this)());
        },
        set: function(ctor) {
          var prototype = ctor.prototype;
          if (!(prototype instanceof Message)) {
            (ctor.prototype = new Message()).constructor = ctor;
            util.merge(ctor.prototype, prototype);
          }
          ctor.$type = ctor.prototype.$type = this;
          util.merge(ctor, Message, true);
          this._ctor = ctor;
          var i = 0;
          for (; i < /* initializes */
          this.fieldsArray.length; ++i)
            this._fieldsArray[i].resolve();
          var ctorProperties = {};
          for (i = 0; i < /* initializes */
          this.oneofsArray.length; ++i)
            ctorProperties[this._oneofsArray[i].resolve().name] = {
              get: util.oneOfGetter(this._oneofsArray[i].oneof),
              set: util.oneOfSetter(this._oneofsArray[i].oneof)
            };
          if (i)
            Object.defineProperties(ctor.prototype, ctorProperties);
        }
      }
    });
    Type.generateConstructor = function generateConstructor(mtype) {
      var gen = util.codegen(["p"], mtype.name);
      for (var i = 0, field; i < mtype.fieldsArray.length; ++i)
        if ((field = mtype._fieldsArray[i]).map) gen("this%s={}", util.safeProp(field.name));
        else if (field.repeated) gen("this%s=[]", util.safeProp(field.name));
      return gen('if(p)for(var ks=Object.keys(p),i=0;i<ks.length;++i)if(p[ks[i]]!=null&&ks[i]!=="__proto__")')("this[ks[i]]=p[ks[i]]");
    };
    function clearCache(type) {
      type._fieldsById = type._fieldsArray = type._oneofsArray = null;
      delete type.encode;
      delete type.decode;
      delete type.verify;
      return type;
    }
    Type.fromJSON = function fromJSON(name, json, depth) {
      if (depth === void 0)
        depth = 0;
      if (depth > util.nestingLimit)
        throw Error("max depth exceeded");
      var type = new Type(name, json.options);
      type.extensions = json.extensions;
      type.reserved = json.reserved;
      var names = Object.keys(json.fields), i = 0;
      for (; i < names.length; ++i)
        type.add(
          (typeof json.fields[names[i]].keyType !== "undefined" ? MapField.fromJSON : Field.fromJSON)(names[i], json.fields[names[i]])
        );
      if (json.oneofs)
        for (names = Object.keys(json.oneofs), i = 0; i < names.length; ++i)
          type.add(OneOf.fromJSON(names[i], json.oneofs[names[i]]));
      if (json.nested)
        for (names = Object.keys(json.nested), i = 0; i < names.length; ++i) {
          var nested = json.nested[names[i]];
          type.add(
            // most to least likely
            (nested.id !== void 0 ? Field.fromJSON : nested.fields !== void 0 ? Type.fromJSON : nested.values !== void 0 ? Enum.fromJSON : nested.methods !== void 0 ? Service.fromJSON : Namespace.fromJSON)(names[i], nested, depth + 1)
          );
        }
      if (json.extensions && json.extensions.length)
        type.extensions = json.extensions;
      if (json.reserved && json.reserved.length)
        type.reserved = json.reserved;
      if (json.group)
        type.group = true;
      if (json.comment)
        type.comment = json.comment;
      if (json.edition)
        type._edition = json.edition;
      type._defaultEdition = "proto3";
      return type;
    };
    Type.prototype.toJSON = function toJSON(toJSONOptions) {
      var inherited = Namespace.prototype.toJSON.call(this, toJSONOptions);
      var keepComments = toJSONOptions ? Boolean(toJSONOptions.keepComments) : false;
      return util.toObject([
        "edition",
        this._editionToJSON(),
        "options",
        inherited && inherited.options || void 0,
        "oneofs",
        Namespace.arrayToJSON(this.oneofsArray, toJSONOptions),
        "fields",
        Namespace.arrayToJSON(this.fieldsArray.filter(function(obj) {
          return !obj.declaringField;
        }), toJSONOptions) || {},
        "extensions",
        this.extensions && this.extensions.length ? this.extensions : void 0,
        "reserved",
        this.reserved && this.reserved.length ? this.reserved : void 0,
        "group",
        this.group || void 0,
        "nested",
        inherited && inherited.nested || void 0,
        "comment",
        keepComments ? this.comment : void 0
      ]);
    };
    Type.prototype.resolveAll = function resolveAll() {
      if (!this._needsRecursiveResolve) return this;
      Namespace.prototype.resolveAll.call(this);
      var oneofs = this.oneofsArray;
      i = 0;
      while (i < oneofs.length)
        oneofs[i++].resolve();
      var fields = this.fieldsArray, i = 0;
      while (i < fields.length)
        fields[i++].resolve();
      return this;
    };
    Type.prototype._resolveFeaturesRecursive = function _resolveFeaturesRecursive(edition) {
      if (!this._needsRecursiveFeatureResolution) return this;
      edition = this._edition || edition;
      Namespace.prototype._resolveFeaturesRecursive.call(this, edition);
      this.oneofsArray.forEach((oneof) => {
        oneof._resolveFeatures(edition);
      });
      this.fieldsArray.forEach((field) => {
        field._resolveFeatures(edition);
      });
      return this;
    };
    Type.prototype.get = function get(name) {
      if (Object.prototype.hasOwnProperty.call(this.fields, name))
        return this.fields[name];
      if (this.oneofs && Object.prototype.hasOwnProperty.call(this.oneofs, name))
        return this.oneofs[name];
      if (this.nested && Object.prototype.hasOwnProperty.call(this.nested, name))
        return this.nested[name];
      return null;
    };
    Type.prototype.add = function add(object) {
      if (this.get(object.name))
        throw Error("duplicate name '" + object.name + "' in " + this);
      if (object instanceof Field && object.extend === void 0) {
        if (this._fieldsById ? (
          /* istanbul ignore next */
          this._fieldsById[object.id]
        ) : this.fieldsById[object.id])
          throw Error("duplicate id " + object.id + " in " + this);
        if (this.isReservedId(object.id))
          throw Error("id " + object.id + " is reserved in " + this);
        if (this.isReservedName(object.name) || object.name.charAt(0) === "$")
          throw Error("name '" + object.name + "' is reserved in " + this);
        if (object.name === "__proto__")
          return this;
        if (object.parent)
          object.parent.remove(object);
        this.fields[object.name] = object;
        object.message = this;
        object.onAdd(this);
        return clearCache(this);
      }
      if (object instanceof OneOf) {
        if (object.name.charAt(0) === "$")
          throw Error("name '" + object.name + "' is reserved in " + this);
        if (object.name === "__proto__")
          return this;
        if (!this.oneofs)
          this.oneofs = {};
        this.oneofs[object.name] = object;
        object.onAdd(this);
        return clearCache(this);
      }
      return Namespace.prototype.add.call(this, object);
    };
    Type.prototype.remove = function remove(object) {
      if (object instanceof Field && object.extend === void 0) {
        if (!this.fields || this.fields[object.name] !== object)
          throw Error(object + " is not a member of " + this);
        delete this.fields[object.name];
        object.parent = null;
        object.onRemove(this);
        return clearCache(this);
      }
      if (object instanceof OneOf) {
        if (!this.oneofs || this.oneofs[object.name] !== object)
          throw Error(object + " is not a member of " + this);
        delete this.oneofs[object.name];
        object.parent = null;
        object.onRemove(this);
        return clearCache(this);
      }
      return Namespace.prototype.remove.call(this, object);
    };
    Type.prototype.isReservedId = function isReservedId(id) {
      return Namespace.isReservedId(this.reserved, id);
    };
    Type.prototype.isReservedName = function isReservedName(name) {
      return Namespace.isReservedName(this.reserved, name);
    };
    Type.prototype.create = function create(properties) {
      return new this.ctor(properties);
    };
    Type.prototype.setup = function setup() {
      var fullName = this.fullName, types2 = [];
      for (var i = 0; i < /* initializes */
      this.fieldsArray.length; ++i)
        types2.push(this._fieldsArray[i].resolve().resolvedType);
      this.encode = encoder(this)({
        Writer,
        types: types2,
        util
      });
      this.decode = decoder(this)({
        Reader,
        types: types2,
        util
      });
      this.verify = verifier(this)({
        types: types2,
        util
      });
      this.fromObject = converter.fromObject(this)({
        types: types2,
        util
      });
      this.toObject = converter.toObject(this)({
        types: types2,
        util
      });
      var wrapper = wrappers[fullName];
      if (wrapper) {
        var originalThis = Object.create(this);
        originalThis.fromObject = this.fromObject;
        this.fromObject = wrapper.fromObject.bind(originalThis);
        originalThis.toObject = this.toObject;
        this.toObject = wrapper.toObject.bind(originalThis);
      }
      return this;
    };
    Type.prototype.encode = function encode_setup(message, writer) {
      return this.setup().encode.apply(this, arguments);
    };
    Type.prototype.encodeDelimited = function encodeDelimited(message, writer) {
      return this.encode(message, writer && writer.len ? writer.fork() : writer).ldelim();
    };
    Type.prototype.decode = function decode_setup(reader, length, end, depth) {
      return this.setup().decode(reader, length, end, depth);
    };
    Type.prototype.decodeDelimited = function decodeDelimited(reader) {
      if (!(reader instanceof Reader))
        reader = Reader.create(reader);
      return this.decode(reader, reader.uint32());
    };
    Type.prototype.verify = function verify_setup(message, depth) {
      return this.setup().verify(message, depth);
    };
    Type.prototype.fromObject = function fromObject(object, depth) {
      return this.setup().fromObject(object, depth);
    };
    Type.prototype.toObject = function toObject(message, options) {
      return this.setup().toObject.apply(this, arguments);
    };
    Type.d = function decorateType(typeName) {
      return function typeDecorator(target) {
        util.decorateType(target, typeName);
      };
    };
  }
});

// node_modules/protobufjs/src/root.js
var require_root = __commonJS({
  "node_modules/protobufjs/src/root.js"(exports, module) {
    "use strict";
    module.exports = Root;
    var Namespace = require_namespace();
    ((Root.prototype = Object.create(Namespace.prototype)).constructor = Root).className = "Root";
    var Field = require_field();
    var Enum = require_enum();
    var OneOf = require_oneof();
    var util = require_util();
    var Type;
    var parse;
    var common;
    function Root(options) {
      Namespace.call(this, "", options);
      this.deferred = [];
      this.files = [];
      this._edition = "proto2";
      this._fullyQualifiedObjects = {};
    }
    Root.fromJSON = function fromJSON(json, root, depth) {
      depth = util.checkDepth(depth);
      if (!root)
        root = new Root();
      if (json.options)
        root.setOptions(json.options);
      return root.addJSON(json.nested, depth).resolveAll();
    };
    Root.prototype.resolvePath = util.path.resolve;
    Root.prototype.fetch = util.fetch;
    function SYNC() {
    }
    Root.prototype.load = function load(filename, options, callback) {
      if (typeof options === "function") {
        callback = options;
        options = void 0;
      }
      var self2 = this;
      if (!callback) {
        return util.asPromise(load, self2, filename, options);
      }
      var sync = callback === SYNC;
      function finish(err, root) {
        if (!callback) {
          return;
        }
        if (sync) {
          throw err;
        }
        if (root) {
          root.resolveAll();
        }
        var cb = callback;
        callback = null;
        cb(err, root);
      }
      function getBundledFileName(filename2) {
        var idx = filename2.lastIndexOf("google/protobuf/");
        if (idx > -1) {
          var altname = filename2.substring(idx);
          if (altname in common) return altname;
        }
        return null;
      }
      function process2(filename2, source, depth) {
        if (depth === void 0)
          depth = 0;
        try {
          if (depth > util.recursionLimit)
            throw Error("max depth exceeded");
          if (util.isString(source) && source.charAt(0) === "{")
            source = JSON.parse(source);
          if (!util.isString(source))
            self2.setOptions(source.options).addJSON(source.nested);
          else {
            parse.filename = filename2;
            var parsed = parse(source, self2, options), resolved3, i2 = 0;
            if (parsed.imports) {
              for (; i2 < parsed.imports.length; ++i2)
                if (resolved3 = getBundledFileName(parsed.imports[i2]) || self2.resolvePath(filename2, parsed.imports[i2]))
                  fetch(resolved3, false, depth + 1);
            }
            if (parsed.weakImports) {
              for (i2 = 0; i2 < parsed.weakImports.length; ++i2)
                if (resolved3 = getBundledFileName(parsed.weakImports[i2]) || self2.resolvePath(filename2, parsed.weakImports[i2]))
                  fetch(resolved3, true, depth + 1);
            }
          }
        } catch (err) {
          finish(err);
        }
        if (!sync && !queued) {
          finish(null, self2);
        }
      }
      function fetch(filename2, weak, depth) {
        if (depth === void 0)
          depth = 0;
        filename2 = getBundledFileName(filename2) || filename2;
        if (self2.files.indexOf(filename2) > -1) {
          return;
        }
        self2.files.push(filename2);
        if (filename2 in common) {
          if (sync) {
            process2(filename2, common[filename2], depth);
          } else {
            ++queued;
            setTimeout(function() {
              --queued;
              process2(filename2, common[filename2], depth);
            });
          }
          return;
        }
        if (sync) {
          var source;
          try {
            source = util.fs.readFileSync(filename2).toString("utf8");
          } catch (err) {
            if (!weak)
              finish(err);
            return;
          }
          process2(filename2, source, depth);
        } else {
          ++queued;
          self2.fetch(filename2, function(err, source2) {
            --queued;
            if (!callback) {
              return;
            }
            if (err) {
              if (!weak)
                finish(err);
              else if (!queued)
                finish(null, self2);
              return;
            }
            process2(filename2, source2, depth);
          });
        }
      }
      var queued = 0;
      if (util.isString(filename)) {
        filename = [filename];
      }
      for (var i = 0, resolved2; i < filename.length; ++i)
        if (resolved2 = self2.resolvePath("", filename[i]))
          fetch(resolved2);
      if (sync) {
        self2.resolveAll();
        return self2;
      }
      if (!queued) {
        finish(null, self2);
      }
      return self2;
    };
    Root.prototype.loadSync = function loadSync(filename, options) {
      if (!util.isNode)
        throw Error("not supported");
      return this.load(filename, options, SYNC);
    };
    Root.prototype.resolveAll = function resolveAll() {
      if (!this._needsRecursiveResolve) return this;
      if (this.deferred.length)
        throw Error("unresolvable extensions: " + this.deferred.map(function(field) {
          return "'extend " + field.extend + "' in " + field.parent.fullName;
        }).join(", "));
      return Namespace.prototype.resolveAll.call(this);
    };
    var exposeRe = /^[A-Z]/;
    function tryHandleExtension(root, field) {
      var extendedType = field.parent.lookup(field.extend);
      if (extendedType) {
        var sisterField = new Field(field.fullName, field.id, field.type, field.rule, void 0, field.options);
        if (extendedType.get(sisterField.name)) {
          return true;
        }
        sisterField.declaringField = field;
        field.extensionField = sisterField;
        extendedType.add(sisterField);
        return true;
      }
      return false;
    }
    Root.prototype._handleAdd = function _handleAdd(object) {
      if (object instanceof Field) {
        if (
          /* an extension field (implies not part of a oneof) */
          object.extend !== void 0 && /* not already handled */
          !object.extensionField
        ) {
          if (!tryHandleExtension(this, object))
            this.deferred.push(object);
        }
      } else if (object instanceof Enum) {
        if (exposeRe.test(object.name))
          object.parent[object.name] = object.values;
      } else if (!(object instanceof OneOf)) {
        if (object instanceof Type)
          for (var i = 0; i < this.deferred.length; )
            if (tryHandleExtension(this, this.deferred[i]))
              this.deferred.splice(i, 1);
            else
              ++i;
        for (var j = 0; j < /* initializes */
        object.nestedArray.length; ++j)
          this._handleAdd(object._nestedArray[j]);
        if (exposeRe.test(object.name))
          object.parent[object.name] = object;
      }
      if (object instanceof Type || object instanceof Enum || object instanceof Field) {
        this._fullyQualifiedObjects[object.fullName] = object;
      }
    };
    Root.prototype._handleRemove = function _handleRemove(object) {
      if (object instanceof Field) {
        if (
          /* an extension field */
          object.extend !== void 0
        ) {
          if (
            /* already handled */
            object.extensionField
          ) {
            object.extensionField.parent.remove(object.extensionField);
            object.extensionField = null;
          } else {
            var index2 = this.deferred.indexOf(object);
            if (index2 > -1)
              this.deferred.splice(index2, 1);
          }
        }
      } else if (object instanceof Enum) {
        if (exposeRe.test(object.name))
          delete object.parent[object.name];
      } else if (object instanceof Namespace) {
        for (var i = 0; i < /* initializes */
        object.nestedArray.length; ++i)
          this._handleRemove(object._nestedArray[i]);
        if (exposeRe.test(object.name))
          delete object.parent[object.name];
      }
      delete this._fullyQualifiedObjects[object.fullName];
    };
    Root._configure = function(Type_, parse_, common_) {
      Type = Type_;
      parse = parse_;
      common = common_;
    };
  }
});

// node_modules/protobufjs/src/util.js
var require_util = __commonJS({
  "node_modules/protobufjs/src/util.js"(exports, module) {
    "use strict";
    var util = module.exports = require_minimal();
    var roots = require_roots();
    var Type;
    var Enum;
    util.codegen = require_codegen();
    util.fetch = require_fetch();
    util.path = require_path();
    util.patterns = require_patterns();
    var reservedRe = util.patterns.reservedRe;
    util.fs = require_fs2();
    util.checkDepth = function checkDepth(depth) {
      if (depth === void 0)
        depth = 0;
      if (depth > util.recursionLimit)
        throw Error("max depth exceeded");
      return depth;
    };
    util.toArray = function toArray(object) {
      if (object) {
        var keys = Object.keys(object), array = new Array(keys.length), index2 = 0;
        while (index2 < keys.length)
          array[index2] = object[keys[index2++]];
        return array;
      }
      return [];
    };
    util.toObject = function toObject(array) {
      var object = {}, index2 = 0;
      while (index2 < array.length) {
        var key = array[index2++], val = array[index2++];
        if (val !== void 0)
          object[key] = val;
      }
      return object;
    };
    util.isReserved = function isReserved(name) {
      return reservedRe.test(name);
    };
    util.safeProp = function safeProp(prop) {
      if (!/^[$\w_]+$/.test(prop) || reservedRe.test(prop))
        return "[" + JSON.stringify(prop) + "]";
      return "." + prop;
    };
    util.ucFirst = function ucFirst(str) {
      return str.charAt(0).toUpperCase() + str.substring(1);
    };
    var camelCaseRe = /_([a-z])/g;
    util.camelCase = function camelCase(str) {
      return str.substring(0, 1) + str.substring(1).replace(camelCaseRe, function($0, $1) {
        return $1.toUpperCase();
      });
    };
    util.compareFieldsById = function compareFieldsById(a, b) {
      return a.id - b.id;
    };
    util.decorateType = function decorateType(ctor, typeName) {
      if (ctor.$type) {
        if (typeName && ctor.$type.name !== typeName) {
          util.decorateRoot.remove(ctor.$type);
          ctor.$type.name = typeName;
          util.decorateRoot.add(ctor.$type);
        }
        return ctor.$type;
      }
      if (!Type)
        Type = require_type();
      var type = new Type(typeName || ctor.name);
      util.decorateRoot.add(type);
      type.ctor = ctor;
      Object.defineProperty(ctor, "$type", { value: type, enumerable: false });
      Object.defineProperty(ctor.prototype, "$type", { value: type, enumerable: false });
      return type;
    };
    var decorateEnumIndex = 0;
    util.decorateEnum = function decorateEnum(object) {
      if (object.$type)
        return object.$type;
      if (!Enum)
        Enum = require_enum();
      var enm = new Enum("Enum" + decorateEnumIndex++, object);
      util.decorateRoot.add(enm);
      Object.defineProperty(object, "$type", { value: enm, enumerable: false });
      return enm;
    };
    util.setProperty = function setProperty(dst, path6, value, ifNotSet) {
      function setProp(dst2, path7, value2) {
        var part = path7.shift();
        if (util.isUnsafeProperty(part))
          return dst2;
        if (path7.length > 0) {
          dst2[part] = setProp(dst2[part] || {}, path7, value2);
        } else {
          var prevValue = dst2[part];
          if (prevValue && ifNotSet)
            return dst2;
          if (prevValue)
            value2 = [].concat(prevValue).concat(value2);
          dst2[part] = value2;
        }
        return dst2;
      }
      if (typeof dst !== "object")
        throw TypeError("dst must be an object");
      if (!path6)
        throw TypeError("path must be specified");
      path6 = path6.split(".");
      if (path6.length > util.recursionLimit)
        throw Error("max depth exceeded");
      return setProp(dst, path6, value);
    };
    Object.defineProperty(util, "decorateRoot", {
      get: function() {
        return roots["decorated"] || (roots["decorated"] = new (require_root())());
      }
    });
  }
});

// node_modules/protobufjs/src/types.js
var require_types = __commonJS({
  "node_modules/protobufjs/src/types.js"(exports) {
    "use strict";
    var types2 = exports;
    var util = require_util();
    var s = [
      "double",
      // 0
      "float",
      // 1
      "int32",
      // 2
      "uint32",
      // 3
      "sint32",
      // 4
      "fixed32",
      // 5
      "sfixed32",
      // 6
      "int64",
      // 7
      "uint64",
      // 8
      "sint64",
      // 9
      "fixed64",
      // 10
      "sfixed64",
      // 11
      "bool",
      // 12
      "string",
      // 13
      "bytes"
      // 14
    ];
    function bake(values2, offset) {
      var i = 0, o = /* @__PURE__ */ Object.create(null);
      offset |= 0;
      while (i < values2.length) o[s[i + offset]] = values2[i++];
      return o;
    }
    types2.basic = bake([
      /* double   */
      1,
      /* float    */
      5,
      /* int32    */
      0,
      /* uint32   */
      0,
      /* sint32   */
      0,
      /* fixed32  */
      5,
      /* sfixed32 */
      5,
      /* int64    */
      0,
      /* uint64   */
      0,
      /* sint64   */
      0,
      /* fixed64  */
      1,
      /* sfixed64 */
      1,
      /* bool     */
      0,
      /* string   */
      2,
      /* bytes    */
      2
    ]);
    types2.defaults = bake([
      /* double   */
      0,
      /* float    */
      0,
      /* int32    */
      0,
      /* uint32   */
      0,
      /* sint32   */
      0,
      /* fixed32  */
      0,
      /* sfixed32 */
      0,
      /* int64    */
      0,
      /* uint64   */
      0,
      /* sint64   */
      0,
      /* fixed64  */
      0,
      /* sfixed64 */
      0,
      /* bool     */
      false,
      /* string   */
      "",
      /* bytes    */
      util.emptyArray,
      /* message  */
      null
    ]);
    types2.long = bake([
      /* int64    */
      0,
      /* uint64   */
      0,
      /* sint64   */
      0,
      /* fixed64  */
      1,
      /* sfixed64 */
      1
    ], 7);
    types2.mapKey = bake([
      /* int32    */
      0,
      /* uint32   */
      0,
      /* sint32   */
      0,
      /* fixed32  */
      5,
      /* sfixed32 */
      5,
      /* int64    */
      0,
      /* uint64   */
      0,
      /* sint64   */
      0,
      /* fixed64  */
      1,
      /* sfixed64 */
      1,
      /* bool     */
      0,
      /* string   */
      2
    ], 2);
    types2.packed = bake([
      /* double   */
      1,
      /* float    */
      5,
      /* int32    */
      0,
      /* uint32   */
      0,
      /* sint32   */
      0,
      /* fixed32  */
      5,
      /* sfixed32 */
      5,
      /* int64    */
      0,
      /* uint64   */
      0,
      /* sint64   */
      0,
      /* fixed64  */
      1,
      /* sfixed64 */
      1,
      /* bool     */
      0
    ]);
  }
});

// node_modules/protobufjs/src/field.js
var require_field = __commonJS({
  "node_modules/protobufjs/src/field.js"(exports, module) {
    "use strict";
    module.exports = Field;
    var ReflectionObject = require_object();
    ((Field.prototype = Object.create(ReflectionObject.prototype)).constructor = Field).className = "Field";
    var Enum = require_enum();
    var types2 = require_types();
    var util = require_util();
    var Type;
    var ruleRe = /^required|optional|repeated$/;
    Field.fromJSON = function fromJSON(name, json) {
      var field = new Field(name, json.id, json.type, json.rule, json.extend, json.options, json.comment);
      if (json.edition)
        field._edition = json.edition;
      field._defaultEdition = "proto3";
      return field;
    };
    function Field(name, id, type, rule, extend, options, comment) {
      if (util.isObject(rule)) {
        comment = extend;
        options = rule;
        rule = extend = void 0;
      } else if (util.isObject(extend)) {
        comment = options;
        options = extend;
        extend = void 0;
      }
      ReflectionObject.call(this, name, options);
      if (!util.isInteger(id) || id < 0)
        throw TypeError("id must be a non-negative integer");
      if (!util.isString(type))
        throw TypeError("type must be a string");
      if (rule !== void 0 && !ruleRe.test(rule = rule.toString().toLowerCase()))
        throw TypeError("rule must be a string rule");
      if (extend !== void 0 && !util.isString(extend))
        throw TypeError("extend must be a string");
      if (rule === "proto3_optional") {
        rule = "optional";
      }
      this.rule = rule && rule !== "optional" ? rule : void 0;
      this.type = type;
      this.id = id;
      this.extend = extend || void 0;
      this.repeated = rule === "repeated";
      this.map = false;
      this.message = null;
      this.partOf = null;
      this.typeDefault = null;
      this.defaultValue = null;
      this.long = util.Long ? types2.long[type] !== void 0 : (
        /* istanbul ignore next */
        false
      );
      this.bytes = type === "bytes";
      this.resolvedType = null;
      this.extensionField = null;
      this.declaringField = null;
      this.comment = comment;
    }
    Object.defineProperty(Field.prototype, "required", {
      get: function() {
        return this._features.field_presence === "LEGACY_REQUIRED";
      }
    });
    Object.defineProperty(Field.prototype, "optional", {
      get: function() {
        return !this.required;
      }
    });
    Object.defineProperty(Field.prototype, "delimited", {
      get: function() {
        return this.resolvedType instanceof Type && this._features.message_encoding === "DELIMITED";
      }
    });
    Object.defineProperty(Field.prototype, "packed", {
      get: function() {
        return this._features.repeated_field_encoding === "PACKED";
      }
    });
    Object.defineProperty(Field.prototype, "hasPresence", {
      get: function() {
        if (this.repeated || this.map) {
          return false;
        }
        return this.partOf || // oneofs
        this.declaringField || this.extensionField || // extensions
        this._features.field_presence !== "IMPLICIT";
      }
    });
    Field.prototype.setOption = function setOption(name, value, ifNotSet) {
      return ReflectionObject.prototype.setOption.call(this, name, value, ifNotSet);
    };
    Field.prototype.toJSON = function toJSON(toJSONOptions) {
      var keepComments = toJSONOptions ? Boolean(toJSONOptions.keepComments) : false;
      return util.toObject([
        "edition",
        this._editionToJSON(),
        "rule",
        this.rule !== "optional" && this.rule || void 0,
        "type",
        this.type,
        "id",
        this.id,
        "extend",
        this.extend,
        "options",
        this.options,
        "comment",
        keepComments ? this.comment : void 0
      ]);
    };
    Field.prototype.resolve = function resolve() {
      if (this.resolved)
        return this;
      if ((this.typeDefault = types2.defaults[this.type]) === void 0) {
        this.resolvedType = (this.declaringField ? this.declaringField.parent : this.parent).lookupTypeOrEnum(this.type);
        if (this.resolvedType instanceof Type)
          this.typeDefault = null;
        else
          this.typeDefault = this.resolvedType.values[Object.keys(this.resolvedType.values)[0]];
      } else if (this.options && this.options.proto3_optional) {
        this.typeDefault = null;
      }
      if (this.options && this.options["default"] != null) {
        this.typeDefault = this.options["default"];
        if (this.resolvedType instanceof Enum && typeof this.typeDefault === "string")
          this.typeDefault = this.resolvedType.values[this.typeDefault];
      }
      if (this.options) {
        if (this.options.packed !== void 0 && this.resolvedType && !(this.resolvedType instanceof Enum))
          delete this.options.packed;
        if (!Object.keys(this.options).length)
          this.options = void 0;
      }
      if (this.long) {
        this.typeDefault = util.Long.fromNumber(this.typeDefault, this.type === "uint64" || this.type === "fixed64");
        if (Object.freeze)
          Object.freeze(this.typeDefault);
      } else if (this.bytes && typeof this.typeDefault === "string") {
        var buf;
        if (util.base64.test(this.typeDefault))
          util.base64.decode(this.typeDefault, buf = util.newBuffer(util.base64.length(this.typeDefault)), 0);
        else
          util.utf8.write(this.typeDefault, buf = util.newBuffer(util.utf8.length(this.typeDefault)), 0);
        this.typeDefault = buf;
      }
      if (this.map)
        this.defaultValue = util.emptyObject;
      else if (this.repeated)
        this.defaultValue = util.emptyArray;
      else
        this.defaultValue = this.typeDefault;
      if (this.parent instanceof Type)
        this.parent.ctor.prototype[this.name] = this.defaultValue;
      return ReflectionObject.prototype.resolve.call(this);
    };
    Field.prototype._inferLegacyProtoFeatures = function _inferLegacyProtoFeatures(edition) {
      if (edition !== "proto2" && edition !== "proto3") {
        return {};
      }
      var features = {};
      if (this.rule === "required") {
        features.field_presence = "LEGACY_REQUIRED";
      }
      if (this.parent && types2.defaults[this.type] === void 0) {
        var type = this.parent.get(this.type.split(".").pop());
        if (type && type instanceof Type && type.group) {
          features.message_encoding = "DELIMITED";
        }
      }
      if (this.getOption("packed") === true) {
        features.repeated_field_encoding = "PACKED";
      } else if (this.getOption("packed") === false) {
        features.repeated_field_encoding = "EXPANDED";
      }
      return features;
    };
    Field.prototype._resolveFeatures = function _resolveFeatures(edition) {
      return ReflectionObject.prototype._resolveFeatures.call(this, this._edition || edition);
    };
    Field.d = function decorateField(fieldId, fieldType, fieldRule, defaultValue) {
      if (typeof fieldType === "function")
        fieldType = util.decorateType(fieldType).name;
      else if (fieldType && typeof fieldType === "object")
        fieldType = util.decorateEnum(fieldType).name;
      return function fieldDecorator(prototype, fieldName) {
        util.decorateType(prototype.constructor).add(new Field(fieldName, fieldId, fieldType, fieldRule, { "default": defaultValue }));
      };
    };
    Field._configure = function configure(Type_) {
      Type = Type_;
    };
  }
});

// node_modules/protobufjs/src/oneof.js
var require_oneof = __commonJS({
  "node_modules/protobufjs/src/oneof.js"(exports, module) {
    "use strict";
    module.exports = OneOf;
    var ReflectionObject = require_object();
    ((OneOf.prototype = Object.create(ReflectionObject.prototype)).constructor = OneOf).className = "OneOf";
    var Field = require_field();
    var util = require_util();
    function OneOf(name, fieldNames, options, comment) {
      if (!Array.isArray(fieldNames)) {
        options = fieldNames;
        fieldNames = void 0;
      }
      ReflectionObject.call(this, name, options);
      if (!(fieldNames === void 0 || Array.isArray(fieldNames)))
        throw TypeError("fieldNames must be an Array");
      this.oneof = fieldNames || [];
      this.fieldsArray = [];
      this.comment = comment;
    }
    OneOf.fromJSON = function fromJSON(name, json) {
      return new OneOf(name, json.oneof, json.options, json.comment);
    };
    OneOf.prototype.toJSON = function toJSON(toJSONOptions) {
      var keepComments = toJSONOptions ? Boolean(toJSONOptions.keepComments) : false;
      return util.toObject([
        "options",
        this.options,
        "oneof",
        this.oneof,
        "comment",
        keepComments ? this.comment : void 0
      ]);
    };
    function addFieldsToParent(oneof) {
      if (oneof.parent) {
        for (var i = 0; i < oneof.fieldsArray.length; ++i)
          if (!oneof.fieldsArray[i].parent)
            oneof.parent.add(oneof.fieldsArray[i]);
      }
    }
    OneOf.prototype.add = function add(field) {
      if (!(field instanceof Field))
        throw TypeError("field must be a Field");
      if (field.parent && field.parent !== this.parent)
        field.parent.remove(field);
      this.oneof.push(field.name);
      this.fieldsArray.push(field);
      field.partOf = this;
      addFieldsToParent(this);
      return this;
    };
    OneOf.prototype.remove = function remove(field) {
      if (!(field instanceof Field))
        throw TypeError("field must be a Field");
      var index2 = this.fieldsArray.indexOf(field);
      if (index2 < 0)
        throw Error(field + " is not a member of " + this);
      this.fieldsArray.splice(index2, 1);
      index2 = this.oneof.indexOf(field.name);
      if (index2 > -1)
        this.oneof.splice(index2, 1);
      field.partOf = null;
      return this;
    };
    OneOf.prototype.onAdd = function onAdd(parent) {
      ReflectionObject.prototype.onAdd.call(this, parent);
      var self2 = this;
      for (var i = 0; i < this.oneof.length; ++i) {
        var field = parent.get(this.oneof[i]);
        if (field && !field.partOf) {
          field.partOf = self2;
          self2.fieldsArray.push(field);
        }
      }
      addFieldsToParent(this);
    };
    OneOf.prototype.onRemove = function onRemove(parent) {
      for (var i = 0, field; i < this.fieldsArray.length; ++i)
        if ((field = this.fieldsArray[i]).parent)
          field.parent.remove(field);
      ReflectionObject.prototype.onRemove.call(this, parent);
    };
    Object.defineProperty(OneOf.prototype, "isProto3Optional", {
      get: function() {
        if (this.fieldsArray == null || this.fieldsArray.length !== 1) {
          return false;
        }
        var field = this.fieldsArray[0];
        return field.options != null && field.options["proto3_optional"] === true;
      }
    });
    OneOf.d = function decorateOneOf() {
      var fieldNames = new Array(arguments.length), index2 = 0;
      while (index2 < arguments.length)
        fieldNames[index2] = arguments[index2++];
      return function oneOfDecorator(prototype, oneofName) {
        util.decorateType(prototype.constructor).add(new OneOf(oneofName, fieldNames));
        Object.defineProperty(prototype, oneofName, {
          get: util.oneOfGetter(fieldNames),
          set: util.oneOfSetter(fieldNames)
        });
      };
    };
  }
});

// node_modules/protobufjs/src/object.js
var require_object = __commonJS({
  "node_modules/protobufjs/src/object.js"(exports, module) {
    "use strict";
    module.exports = ReflectionObject;
    ReflectionObject.className = "ReflectionObject";
    var OneOf = require_oneof();
    var util = require_util();
    var Root;
    var editions2023Defaults = { enum_type: "OPEN", field_presence: "EXPLICIT", json_format: "ALLOW", message_encoding: "LENGTH_PREFIXED", repeated_field_encoding: "PACKED", utf8_validation: "VERIFY" };
    var proto2Defaults = { enum_type: "CLOSED", field_presence: "EXPLICIT", json_format: "LEGACY_BEST_EFFORT", message_encoding: "LENGTH_PREFIXED", repeated_field_encoding: "EXPANDED", utf8_validation: "NONE" };
    var proto3Defaults = { enum_type: "OPEN", field_presence: "IMPLICIT", json_format: "ALLOW", message_encoding: "LENGTH_PREFIXED", repeated_field_encoding: "PACKED", utf8_validation: "VERIFY" };
    function ReflectionObject(name, options) {
      if (!util.isString(name))
        throw TypeError("name must be a string");
      if (options && !util.isObject(options))
        throw TypeError("options must be an object");
      this.options = options;
      this.parsedOptions = null;
      this.name = name;
      this._edition = null;
      this._defaultEdition = "proto2";
      this._features = {};
      this._featuresResolved = false;
      this.parent = null;
      this.resolved = false;
      this.comment = null;
      this.filename = null;
    }
    Object.defineProperties(ReflectionObject.prototype, {
      /**
       * Reference to the root namespace.
       * @name ReflectionObject#root
       * @type {Root}
       * @readonly
       */
      root: {
        get: function() {
          var ptr = this;
          while (ptr.parent !== null)
            ptr = ptr.parent;
          return ptr;
        }
      },
      /**
       * Full name including leading dot.
       * @name ReflectionObject#fullName
       * @type {string}
       * @readonly
       */
      fullName: {
        get: function() {
          var path6 = [this.name], ptr = this.parent;
          while (ptr) {
            path6.unshift(ptr.name);
            ptr = ptr.parent;
          }
          return path6.join(".");
        }
      }
    });
    ReflectionObject.prototype.toJSON = /* istanbul ignore next */
    function toJSON() {
      throw Error();
    };
    ReflectionObject.prototype.onAdd = function onAdd(parent) {
      if (this.parent && this.parent !== parent)
        this.parent.remove(this);
      this.parent = parent;
      this.resolved = false;
      var root = parent.root;
      if (root instanceof Root)
        root._handleAdd(this);
    };
    ReflectionObject.prototype.onRemove = function onRemove(parent) {
      var root = parent.root;
      if (root instanceof Root)
        root._handleRemove(this);
      this.parent = null;
      this.resolved = false;
    };
    ReflectionObject.prototype.resolve = function resolve() {
      if (this.resolved)
        return this;
      if (this.root instanceof Root)
        this.resolved = true;
      return this;
    };
    ReflectionObject.prototype._resolveFeaturesRecursive = function _resolveFeaturesRecursive(edition) {
      return this._resolveFeatures(this._edition || edition);
    };
    ReflectionObject.prototype._resolveFeatures = function _resolveFeatures(edition) {
      if (this._featuresResolved) {
        return;
      }
      var defaults = {};
      if (!edition) {
        throw new Error("Unknown edition for " + this.fullName);
      }
      var protoFeatures = util.merge(
        {},
        this.options && this.options.features,
        this._inferLegacyProtoFeatures(edition)
      );
      if (this._edition) {
        if (edition === "proto2") {
          defaults = Object.assign({}, proto2Defaults);
        } else if (edition === "proto3") {
          defaults = Object.assign({}, proto3Defaults);
        } else if (edition === "2023") {
          defaults = Object.assign({}, editions2023Defaults);
        } else {
          throw new Error("Unknown edition: " + edition);
        }
        this._features = util.merge(defaults, protoFeatures);
        this._featuresResolved = true;
        return;
      }
      if (this.partOf instanceof OneOf) {
        var lexicalParentFeaturesCopy = util.merge({}, this.partOf._features);
        this._features = util.merge(lexicalParentFeaturesCopy, protoFeatures);
      } else if (this.declaringField) {
      } else if (this.parent) {
        var parentFeaturesCopy = util.merge({}, this.parent._features);
        this._features = util.merge(parentFeaturesCopy, protoFeatures);
      } else {
        throw new Error("Unable to find a parent for " + this.fullName);
      }
      if (this.extensionField) {
        this.extensionField._features = this._features;
      }
      this._featuresResolved = true;
    };
    ReflectionObject.prototype._inferLegacyProtoFeatures = function _inferLegacyProtoFeatures() {
      return {};
    };
    ReflectionObject.prototype.getOption = function getOption(name) {
      if (this.options)
        return this.options[name];
      return void 0;
    };
    ReflectionObject.prototype.setOption = function setOption(name, value, ifNotSet) {
      if (name === "__proto__")
        return this;
      if (!this.options)
        this.options = {};
      if (/^features\./.test(name)) {
        util.setProperty(this.options, name, value, ifNotSet);
      } else if (!ifNotSet || this.options[name] === void 0) {
        if (this.getOption(name) !== value) this.resolved = false;
        this.options[name] = value;
      }
      return this;
    };
    ReflectionObject.prototype.setParsedOption = function setParsedOption(name, value, propName) {
      if (name === "__proto__")
        return this;
      if (!this.parsedOptions) {
        this.parsedOptions = [];
      }
      var parsedOptions = this.parsedOptions;
      if (propName) {
        var opt = parsedOptions.find(function(opt2) {
          return Object.prototype.hasOwnProperty.call(opt2, name);
        });
        if (opt) {
          var newValue = opt[name];
          util.setProperty(newValue, propName, value);
        } else {
          opt = {};
          opt[name] = util.setProperty({}, propName, value);
          parsedOptions.push(opt);
        }
      } else {
        var newOpt = {};
        newOpt[name] = value;
        parsedOptions.push(newOpt);
      }
      return this;
    };
    ReflectionObject.prototype.setOptions = function setOptions(options, ifNotSet) {
      if (options)
        for (var keys = Object.keys(options), i = 0; i < keys.length; ++i)
          this.setOption(keys[i], options[keys[i]], ifNotSet);
      return this;
    };
    ReflectionObject.prototype.toString = function toString() {
      var className = this.constructor.className, fullName = this.fullName;
      if (fullName.length)
        return className + " " + fullName;
      return className;
    };
    ReflectionObject.prototype._editionToJSON = function _editionToJSON() {
      if (!this._edition || this._edition === "proto3") {
        return void 0;
      }
      return this._edition;
    };
    ReflectionObject._configure = function(Root_) {
      Root = Root_;
    };
  }
});

// node_modules/protobufjs/src/enum.js
var require_enum = __commonJS({
  "node_modules/protobufjs/src/enum.js"(exports, module) {
    "use strict";
    module.exports = Enum;
    var ReflectionObject = require_object();
    ((Enum.prototype = Object.create(ReflectionObject.prototype)).constructor = Enum).className = "Enum";
    var Namespace = require_namespace();
    var util = require_util();
    function Enum(name, values2, options, comment, comments, valuesOptions) {
      ReflectionObject.call(this, name, options);
      if (values2 && typeof values2 !== "object")
        throw TypeError("values must be an object");
      this.valuesById = {};
      this.values = Object.create(this.valuesById);
      this.comment = comment;
      this.comments = comments || {};
      this.valuesOptions = valuesOptions;
      this._valuesFeatures = {};
      this.reserved = void 0;
      if (values2) {
        for (var keys = Object.keys(values2), i = 0; i < keys.length; ++i)
          if (keys[i] !== "__proto__" && typeof values2[keys[i]] === "number")
            this.valuesById[this.values[keys[i]] = values2[keys[i]]] = keys[i];
      }
    }
    Enum.prototype._resolveFeatures = function _resolveFeatures(edition) {
      edition = this._edition || edition;
      ReflectionObject.prototype._resolveFeatures.call(this, edition);
      Object.keys(this.values).forEach((key) => {
        var parentFeaturesCopy = util.merge({}, this._features);
        this._valuesFeatures[key] = util.merge(parentFeaturesCopy, this.valuesOptions && this.valuesOptions[key] && this.valuesOptions[key].features || {});
      });
      return this;
    };
    Enum.fromJSON = function fromJSON(name, json) {
      var enm = new Enum(name, json.values, json.options, json.comment, json.comments);
      enm.reserved = json.reserved;
      if (json.edition)
        enm._edition = json.edition;
      enm._defaultEdition = "proto3";
      return enm;
    };
    Enum.prototype.toJSON = function toJSON(toJSONOptions) {
      var keepComments = toJSONOptions ? Boolean(toJSONOptions.keepComments) : false;
      return util.toObject([
        "edition",
        this._editionToJSON(),
        "options",
        this.options,
        "valuesOptions",
        this.valuesOptions,
        "values",
        this.values,
        "reserved",
        this.reserved && this.reserved.length ? this.reserved : void 0,
        "comment",
        keepComments ? this.comment : void 0,
        "comments",
        keepComments ? this.comments : void 0
      ]);
    };
    Enum.prototype.add = function add(name, id, comment, options) {
      if (!util.isString(name))
        throw TypeError("name must be a string");
      if (!util.isInteger(id))
        throw TypeError("id must be an integer");
      if (name === "__proto__")
        return this;
      if (this.values[name] !== void 0)
        throw Error("duplicate name '" + name + "' in " + this);
      if (this.isReservedId(id))
        throw Error("id " + id + " is reserved in " + this);
      if (this.isReservedName(name))
        throw Error("name '" + name + "' is reserved in " + this);
      if (this.valuesById[id] !== void 0) {
        if (!(this.options && this.options.allow_alias))
          throw Error("duplicate id " + id + " in " + this);
        this.values[name] = id;
      } else
        this.valuesById[this.values[name] = id] = name;
      if (options) {
        if (this.valuesOptions === void 0)
          this.valuesOptions = {};
        this.valuesOptions[name] = options || null;
      }
      this.comments[name] = comment || null;
      return this;
    };
    Enum.prototype.remove = function remove(name) {
      if (!util.isString(name))
        throw TypeError("name must be a string");
      var val = this.values[name];
      if (val == null)
        throw Error("name '" + name + "' does not exist in " + this);
      delete this.valuesById[val];
      delete this.values[name];
      delete this.comments[name];
      if (this.valuesOptions)
        delete this.valuesOptions[name];
      return this;
    };
    Enum.prototype.isReservedId = function isReservedId(id) {
      return Namespace.isReservedId(this.reserved, id);
    };
    Enum.prototype.isReservedName = function isReservedName(name) {
      return Namespace.isReservedName(this.reserved, name);
    };
  }
});

// node_modules/protobufjs/src/encoder.js
var require_encoder = __commonJS({
  "node_modules/protobufjs/src/encoder.js"(exports, module) {
    "use strict";
    module.exports = encoder;
    var Enum = require_enum();
    var types2 = require_types();
    var util = require_util();
    function genTypePartial(gen, field, fieldIndex, ref) {
      return field.delimited ? gen("types[%i].encode(%s,w.uint32(%i),q+1).uint32(%i)", fieldIndex, ref, (field.id << 3 | 3) >>> 0, (field.id << 3 | 4) >>> 0) : gen("types[%i].encode(%s,w.uint32(%i).fork(),q+1).ldelim()", fieldIndex, ref, (field.id << 3 | 2) >>> 0);
    }
    function encoder(mtype) {
      var gen = util.codegen(["m", "w", "q"], mtype.name + "$encode")("if(!w)")("w=Writer.create()")("if(q===undefined)q=0")("if(q>util.recursionLimit)")('throw Error("max depth exceeded")');
      var i, ref;
      var fields = (
        /* initializes */
        mtype.fieldsArray.slice().sort(util.compareFieldsById)
      );
      for (var i = 0; i < fields.length; ++i) {
        var field = fields[i].resolve(), index2 = mtype._fieldsArray.indexOf(field), type = field.resolvedType instanceof Enum ? "int32" : field.type, wireType = types2.basic[type];
        ref = "m" + util.safeProp(field.name);
        if (field.map) {
          gen("if(%s!=null&&Object.hasOwnProperty.call(m,%j)){", ref, field.name)("for(var ks=Object.keys(%s),i=0;i<ks.length;++i){", ref)("w.uint32(%i).fork().uint32(%i).%s(ks[i])", (field.id << 3 | 2) >>> 0, 8 | types2.mapKey[field.keyType], field.keyType);
          if (wireType === void 0) gen("types[%i].encode(%s[ks[i]],w.uint32(18).fork(),q+1).ldelim().ldelim()", index2, ref);
          else gen(".uint32(%i).%s(%s[ks[i]]).ldelim()", 16 | wireType, type, ref);
          gen("}")("}");
        } else if (field.repeated) {
          gen("if(%s!=null&&%s.length){", ref, ref);
          if (field.packed && types2.packed[type] !== void 0) {
            gen("w.uint32(%i).fork()", (field.id << 3 | 2) >>> 0)("for(var i=0;i<%s.length;++i)", ref)("w.%s(%s[i])", type, ref)("w.ldelim()");
          } else {
            gen("for(var i=0;i<%s.length;++i)", ref);
            if (wireType === void 0)
              genTypePartial(gen, field, index2, ref + "[i]");
            else gen("w.uint32(%i).%s(%s[i])", (field.id << 3 | wireType) >>> 0, type, ref);
          }
          gen("}");
        } else {
          if (field.optional) gen("if(%s!=null&&Object.hasOwnProperty.call(m,%j))", ref, field.name);
          if (wireType === void 0)
            genTypePartial(gen, field, index2, ref);
          else gen("w.uint32(%i).%s(%s)", (field.id << 3 | wireType) >>> 0, type, ref);
        }
      }
      return gen("return w");
    }
  }
});

// node_modules/protobufjs/src/index-light.js
var require_index_light = __commonJS({
  "node_modules/protobufjs/src/index-light.js"(exports, module) {
    "use strict";
    var protobuf3 = module.exports = require_index_minimal();
    protobuf3.build = "light";
    function load(filename, root, callback) {
      if (typeof root === "function") {
        callback = root;
        root = new protobuf3.Root();
      } else if (!root)
        root = new protobuf3.Root();
      return root.load(filename, callback);
    }
    protobuf3.load = load;
    function loadSync(filename, root) {
      if (!root)
        root = new protobuf3.Root();
      return root.loadSync(filename);
    }
    protobuf3.loadSync = loadSync;
    protobuf3.encoder = require_encoder();
    protobuf3.decoder = require_decoder();
    protobuf3.verifier = require_verifier();
    protobuf3.converter = require_converter();
    protobuf3.ReflectionObject = require_object();
    protobuf3.Namespace = require_namespace();
    protobuf3.Root = require_root();
    protobuf3.Enum = require_enum();
    protobuf3.Type = require_type();
    protobuf3.Field = require_field();
    protobuf3.OneOf = require_oneof();
    protobuf3.MapField = require_mapfield();
    protobuf3.Service = require_service2();
    protobuf3.Method = require_method();
    protobuf3.Message = require_message();
    protobuf3.wrappers = require_wrappers();
    protobuf3.types = require_types();
    protobuf3.util = require_util();
    protobuf3.ReflectionObject._configure(protobuf3.Root);
    protobuf3.Namespace._configure(protobuf3.Type, protobuf3.Service, protobuf3.Enum);
    protobuf3.Root._configure(protobuf3.Type);
    protobuf3.Field._configure(protobuf3.Type);
  }
});

// node_modules/protobufjs/light.js
var require_light = __commonJS({
  "node_modules/protobufjs/light.js"(exports, module) {
    "use strict";
    module.exports = require_index_light();
  }
});

// src/eval/main.ts
import fs5 from "node:fs";
import path5 from "node:path";
import { parseArgs } from "node:util";

// src/adapters/fs/model-file.ts
import fs from "node:fs";
import path from "node:path";

// src/load/decode.ts
var import_light2 = __toESM(require_light(), 1);

// src/load/onnx-schema.ts
var import_light = __toESM(require_light(), 1);
var entry = { rule: "repeated", type: "StringStringEntryProto" };
var onnxSchemaJson = {
  nested: {
    onnx: {
      nested: {
        StringStringEntryProto: {
          fields: { key: { type: "string", id: 1 }, value: { type: "string", id: 2 } }
        },
        OperatorSetIdProto: {
          fields: { domain: { type: "string", id: 1 }, version: { type: "int64", id: 2 } }
        },
        AttributeProto: {
          fields: {
            name: { type: "string", id: 1 },
            refAttrName: { type: "string", id: 21 },
            docString: { type: "string", id: 13 },
            type: { type: "int32", id: 20 },
            f: { type: "float", id: 2 },
            i: { type: "int64", id: 3 },
            s: { type: "bytes", id: 4 },
            t: { type: "TensorProto", id: 5 },
            g: { type: "GraphProto", id: 6 },
            sparseTensor: { type: "SparseTensorProto", id: 22 },
            tp: { type: "TypeProto", id: 14 },
            floats: { rule: "repeated", type: "float", id: 7 },
            ints: { rule: "repeated", type: "int64", id: 8 },
            strings: { rule: "repeated", type: "bytes", id: 9 },
            tensors: { rule: "repeated", type: "TensorProto", id: 10 },
            graphs: { rule: "repeated", type: "GraphProto", id: 11 },
            sparseTensors: { rule: "repeated", type: "SparseTensorProto", id: 23 },
            typeProtos: { rule: "repeated", type: "TypeProto", id: 15 }
          }
        },
        ValueInfoProto: {
          fields: {
            name: { type: "string", id: 1 },
            type: { type: "TypeProto", id: 2 },
            docString: { type: "string", id: 3 },
            metadataProps: { ...entry, id: 4 }
          }
        },
        NodeProto: {
          fields: {
            input: { rule: "repeated", type: "string", id: 1 },
            output: { rule: "repeated", type: "string", id: 2 },
            name: { type: "string", id: 3 },
            opType: { type: "string", id: 4 },
            domain: { type: "string", id: 7 },
            overload: { type: "string", id: 8 },
            attribute: { rule: "repeated", type: "AttributeProto", id: 5 },
            docString: { type: "string", id: 6 },
            metadataProps: { ...entry, id: 9 }
          }
        },
        TrainingInfoProto: {
          fields: {
            initialization: { type: "GraphProto", id: 1 },
            algorithm: { type: "GraphProto", id: 2 },
            initializationBinding: { ...entry, id: 3 },
            updateBinding: { ...entry, id: 4 }
          }
        },
        ModelProto: {
          fields: {
            irVersion: { type: "int64", id: 1 },
            opsetImport: { rule: "repeated", type: "OperatorSetIdProto", id: 8 },
            producerName: { type: "string", id: 2 },
            producerVersion: { type: "string", id: 3 },
            domain: { type: "string", id: 4 },
            modelVersion: { type: "int64", id: 5 },
            docString: { type: "string", id: 6 },
            graph: { type: "GraphProto", id: 7 },
            metadataProps: { ...entry, id: 14 },
            trainingInfo: { rule: "repeated", type: "TrainingInfoProto", id: 20 },
            functions: { rule: "repeated", type: "FunctionProto", id: 25 }
          }
        },
        TensorAnnotation: {
          fields: {
            tensorName: { type: "string", id: 1 },
            quantParameterTensorNames: { ...entry, id: 2 }
          }
        },
        GraphProto: {
          fields: {
            node: { rule: "repeated", type: "NodeProto", id: 1 },
            name: { type: "string", id: 2 },
            initializer: { rule: "repeated", type: "TensorProto", id: 5 },
            sparseInitializer: { rule: "repeated", type: "SparseTensorProto", id: 15 },
            docString: { type: "string", id: 10 },
            input: { rule: "repeated", type: "ValueInfoProto", id: 11 },
            output: { rule: "repeated", type: "ValueInfoProto", id: 12 },
            valueInfo: { rule: "repeated", type: "ValueInfoProto", id: 13 },
            quantizationAnnotation: { rule: "repeated", type: "TensorAnnotation", id: 14 },
            metadataProps: { ...entry, id: 16 }
          }
        },
        TensorProto: {
          fields: {
            dims: { rule: "repeated", type: "int64", id: 1 },
            dataType: { type: "int32", id: 2 },
            segment: { type: "Segment", id: 3 },
            floatData: { rule: "repeated", type: "float", id: 4, options: { packed: true } },
            int32Data: { rule: "repeated", type: "int32", id: 5, options: { packed: true } },
            stringData: { rule: "repeated", type: "bytes", id: 6 },
            int64Data: { rule: "repeated", type: "int64", id: 7, options: { packed: true } },
            name: { type: "string", id: 8 },
            docString: { type: "string", id: 12 },
            rawData: { type: "bytes", id: 9 },
            externalData: { ...entry, id: 13 },
            dataLocation: { type: "int32", id: 14 },
            doubleData: { rule: "repeated", type: "double", id: 10, options: { packed: true } },
            uint64Data: { rule: "repeated", type: "uint64", id: 11, options: { packed: true } },
            metadataProps: { ...entry, id: 16 }
          },
          nested: {
            Segment: {
              fields: { begin: { type: "int64", id: 1 }, end: { type: "int64", id: 2 } }
            }
          }
        },
        SparseTensorProto: {
          fields: {
            values: { type: "TensorProto", id: 1 },
            indices: { type: "TensorProto", id: 2 },
            dims: { rule: "repeated", type: "int64", id: 3 }
          }
        },
        TensorShapeProto: {
          fields: { dim: { rule: "repeated", type: "Dimension", id: 1 } },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ["dimValue", "dimParam"] } },
              fields: {
                dimValue: { type: "int64", id: 1 },
                dimParam: { type: "string", id: 2 },
                denotation: { type: "string", id: 3 }
              }
            }
          }
        },
        TypeProto: {
          oneofs: {
            value: {
              oneof: ["tensorType", "sequenceType", "mapType", "optionalType", "sparseTensorType"]
            }
          },
          fields: {
            tensorType: { type: "Tensor", id: 1 },
            sequenceType: { type: "Sequence", id: 4 },
            mapType: { type: "Map", id: 5 },
            optionalType: { type: "Optional", id: 9 },
            sparseTensorType: { type: "SparseTensor", id: 8 },
            denotation: { type: "string", id: 6 }
          },
          nested: {
            Tensor: {
              fields: {
                elemType: { type: "int32", id: 1 },
                shape: { type: "TensorShapeProto", id: 2 }
              }
            },
            Sequence: { fields: { elemType: { type: "TypeProto", id: 1 } } },
            Map: {
              fields: { keyType: { type: "int32", id: 1 }, valueType: { type: "TypeProto", id: 2 } }
            },
            Optional: { fields: { elemType: { type: "TypeProto", id: 1 } } },
            SparseTensor: {
              fields: {
                elemType: { type: "int32", id: 1 },
                shape: { type: "TensorShapeProto", id: 2 }
              }
            }
          }
        },
        FunctionProto: {
          fields: {
            name: { type: "string", id: 1 },
            input: { rule: "repeated", type: "string", id: 4 },
            output: { rule: "repeated", type: "string", id: 5 },
            attribute: { rule: "repeated", type: "string", id: 6 },
            attributeProto: { rule: "repeated", type: "AttributeProto", id: 11 },
            node: { rule: "repeated", type: "NodeProto", id: 7 },
            docString: { type: "string", id: 8 },
            opsetImport: { rule: "repeated", type: "OperatorSetIdProto", id: 9 },
            domain: { type: "string", id: 10 },
            overload: { type: "string", id: 13 },
            valueInfo: { rule: "repeated", type: "ValueInfoProto", id: 12 },
            metadataProps: { ...entry, id: 14 }
          }
        }
      }
    }
  }
};
function buildTypes() {
  const root = import_light.default.Root.fromJSON(onnxSchemaJson);
  const t = (name) => root.lookupType(`onnx.${name}`);
  return {
    ModelProto: t("ModelProto"),
    GraphProto: t("GraphProto"),
    NodeProto: t("NodeProto"),
    TensorProto: t("TensorProto"),
    SparseTensorProto: t("SparseTensorProto"),
    ValueInfoProto: t("ValueInfoProto"),
    FunctionProto: t("FunctionProto"),
    OperatorSetIdProto: t("OperatorSetIdProto"),
    StringStringEntryProto: t("StringStringEntryProto")
  };
}
var types;
function onnxTypes() {
  types ??= buildTypes();
  return types;
}
var FIELD = {
  model: { irVersion: 1, graph: 7, functions: 25, trainingInfo: 20 },
  graph: { node: 1, name: 2, initializer: 5, sparseInitializer: 15, input: 11, output: 12, valueInfo: 13 },
  tensor: {
    dims: 1,
    dataType: 2,
    floatData: 4,
    int32Data: 5,
    stringData: 6,
    int64Data: 7,
    name: 8,
    rawData: 9,
    doubleData: 10,
    uint64Data: 11,
    externalData: 13,
    dataLocation: 14
  },
  sparse: { values: 1, indices: 2, dims: 3 }
};

// src/load/model.ts
var OnnxDecodeError = class extends Error {
  constructor(reason, offset) {
    super(offset === void 0 ? reason : `${reason} (at byte ${offset})`);
    this.reason = reason;
    this.offset = offset;
    this.name = "OnnxDecodeError";
  }
};
function metadataValue(entries2, key) {
  for (let i = 0; i < entries2.length; i++) {
    const entry2 = entries2[i];
    if (entry2[0] === key) return entry2[1];
  }
  return void 0;
}

// src/util/text.ts
function isObject(x) {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
function escapeControls(s) {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "	") return "\\t";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

// src/load/limits.ts
var LIMITS = {
  /** Nodes in all graphs together: main graph, subgraphs and function bodies. */
  nodes: 2e6,
  /** Characters in a node name, op type, domain, or tensor name. */
  nameLength: 4096,
  /** `/`-separated segments in a node name (scope names are split on them). */
  nameSegments: 256,
  /** Inputs or outputs of one node. */
  nodeEdges: 1e4,
  /** Characters in one node metadata value or doc string. */
  nodeText: 64 * 1024,
  /** Characters in one model or graph metadata value (the recorded module tree lives there). */
  modelText: 16 * 1024 * 1024,
  /** Metadata entries on one node. */
  nodeMetadataEntries: 1e3
};
var PATH_KEYS = ["modelexport.module", "modelexport.tag"];
function segments(name, dots, limit) {
  let n = 1;
  for (let i = 0; i < name.length && n <= limit; i++) {
    const c = name.charCodeAt(i);
    if (c === 47 || dots && c === 46) n++;
  }
  return n;
}
var fmt = (n) => n.toLocaleString("en-US");
function quoteName(name, max = 60) {
  return `'${escapeControls(name.length > max ? name.slice(0, max) + "\u2026" : name)}'`;
}
var ModelLimitError = class extends OnnxDecodeError {
  constructor(reason) {
    super(reason);
    this.name = "ModelLimitError";
  }
};
function fail(what, size, limit, unit) {
  throw new ModelLimitError(`${what} has ${fmt(size)} ${unit}; the limit is ${fmt(limit)}`);
}
function checkMetadata(entries2, where, limit) {
  const place = () => typeof where === "string" ? where : where();
  for (let i = 0; i < entries2.length; i++) {
    const key = entries2[i][0];
    const value = entries2[i][1];
    if (key.length > LIMITS.nameLength) fail(`a metadata key of ${place()}`, key.length, LIMITS.nameLength, "characters");
    if (value.length > limit) fail(`metadata ${quoteName(key)} of ${place()}`, value.length, limit, "characters");
  }
}
function nodeLabel(node, position, graph) {
  return `node #${position}${node.name ? ` ${quoteName(node.name)}` : ""}${graph}`;
}
function checkValueNames(names, which, node, position, graph) {
  for (let k = 0; k < names.length; k++) {
    const t = names[k];
    if (t.length > LIMITS.nameLength) fail(`${which} name of ${nodeLabel(node, position, graph)}`, t.length, LIMITS.nameLength, "characters");
  }
}
function checkNode(node, position, graph) {
  if (node.name.length > LIMITS.nameLength) fail(`the name of node #${position}${graph}`, node.name.length, LIMITS.nameLength, "characters");
  if (node.name.length >= LIMITS.nameSegments && segments(node.name, false, LIMITS.nameSegments) > LIMITS.nameSegments) {
    fail(`the name of ${nodeLabel(node, position, graph)}`, node.name.split("/").length, LIMITS.nameSegments, "'/'-separated segments");
  }
  if (node.opType.length > LIMITS.nameLength) fail(`the op type of ${nodeLabel(node, position, graph)}`, node.opType.length, LIMITS.nameLength, "characters");
  if (node.domain.length > LIMITS.nameLength) fail(`the domain of ${nodeLabel(node, position, graph)}`, node.domain.length, LIMITS.nameLength, "characters");
  if (node.inputs.length > LIMITS.nodeEdges) fail(nodeLabel(node, position, graph), node.inputs.length, LIMITS.nodeEdges, "inputs");
  if (node.outputs.length > LIMITS.nodeEdges) fail(nodeLabel(node, position, graph), node.outputs.length, LIMITS.nodeEdges, "outputs");
  checkValueNames(node.inputs, "an input", node, position, graph);
  checkValueNames(node.outputs, "an output", node, position, graph);
  if (node.docString.length > LIMITS.nodeText) fail(`the doc string of ${nodeLabel(node, position, graph)}`, node.docString.length, LIMITS.nodeText, "characters");
  if (node.metadataProps.length > LIMITS.nodeMetadataEntries) fail(nodeLabel(node, position, graph), node.metadataProps.length, LIMITS.nodeMetadataEntries, "metadata entries");
  if (node.metadataProps.length === 0) return;
  checkMetadata(node.metadataProps, () => nodeLabel(node, position, graph), LIMITS.nodeText);
  for (let i = 0; i < node.metadataProps.length; i++) {
    const key = node.metadataProps[i][0];
    const value = node.metadataProps[i][1];
    if (PATH_KEYS.includes(key) && value.length >= LIMITS.nameSegments && segments(value, true, LIMITS.nameSegments) > LIMITS.nameSegments) {
      fail(`metadata ${quoteName(key)} of ${nodeLabel(node, position, graph)}`, value.split(/[./]/).length, LIMITS.nameSegments, "segments");
    }
  }
}
function checkLimits(model) {
  checkMetadata(model.metadataProps, "the model", LIMITS.modelText);
  let total2 = 0;
  const pending = [{ nodes: model.graph.nodes, where: "", graph: model.graph }];
  for (const fn of model.functions) {
    pending.push({ nodes: fn.nodes, where: ` of function ${quoteName(fn.name)}` });
    checkMetadata(fn.metadataProps, `function ${quoteName(fn.name)}`, LIMITS.modelText);
  }
  while (pending.length > 0) {
    const { nodes, where, graph } = pending.pop();
    if (graph) checkMetadata(graph.metadataProps, `graph ${quoteName(graph.name)}`, LIMITS.modelText);
    total2 += nodes.length;
    if (total2 > LIMITS.nodes) fail("the model", total2, LIMITS.nodes, "nodes (all graphs and functions)");
    for (let position = 0; position < nodes.length; position++) {
      const node = nodes[position];
      checkNode(node, position, where);
      for (let k = 0; k < node.attributes.length; k++) {
        const a = node.attributes[k];
        if (!a.g && !a.graphs) continue;
        const sub = where.startsWith(" in a subgraph") ? where : ` in a subgraph of node #${position}${where}`;
        if (a.g) pending.push({ nodes: a.g.nodes, where: sub, graph: a.g });
        for (const g of a.graphs ?? []) pending.push({ nodes: g.nodes, where: sub, graph: g });
      }
    }
  }
}

// src/load/decode.ts
var WINDOW = 1 << 16;
var textDecoder = new TextDecoder("utf-8");
var Window = class {
  constructor(src) {
    this.src = src;
  }
  start = 0;
  buf = new Uint8Array(0);
  own;
  bytes(offset, length) {
    const at = this.locate(offset, length);
    return at < 0 ? this.src.read(offset, length) : this.buf.subarray(at, at + length);
  }
  /**
   * Where the bytes [offset, offset + length) start in `view`, the window moved to them when they
   * are outside it; -1 for a range larger than a window (read that with `bytes`). For a message
   * read in place: a view of every node's bytes was garbage.
   */
  locate(offset, length) {
    if (offset >= this.start && offset + length <= this.start + this.buf.length) return offset - this.start;
    if (length > WINDOW) return -1;
    const n = Math.min(WINDOW, this.src.size - offset);
    if (this.src.readInto) {
      this.own ??= new Uint8Array(WINDOW);
      this.buf = this.own.subarray(0, n);
      this.src.readInto(offset, this.buf);
    } else {
      this.buf = this.src.read(offset, n);
    }
    this.start = offset;
    return 0;
  }
  /** The window's bytes, where `locate` placed a range. */
  get view() {
    return this.buf;
  }
  byte(offset) {
    if (offset >= this.start && offset < this.start + this.buf.length) return this.buf[offset - this.start];
    return this.bytes(offset, 1)[0];
  }
};
var Scanner = class {
  constructor(src) {
    this.src = src;
    this.win = new Window(src);
  }
  win;
  /** Where the last `varint` read ended. */
  next = 0;
  /** The varint at `pos`, `next` set to the position after it (no pair per read: two per field were garbage). */
  varint(pos, limit) {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= limit) throw new OnnxDecodeError("a varint runs past the end of its message: the file is truncated or not ONNX", pos);
      const b = this.win.byte(pos++);
      result += (b & 127) * mul;
      if (b < 128) {
        this.next = pos;
        return result;
      }
      mul *= 128;
    }
    throw new OnnxDecodeError("malformed varint: not an ONNX protobuf", pos);
  }
  /** The fields of the message in [start, end), in order (see `Fields`). */
  fields(start, end) {
    return new Fields(this, start, end);
  }
  bytes(f) {
    return this.win.bytes(f.start, f.end - f.start);
  }
  string(f) {
    return textDecoder.decode(this.bytes(f));
  }
};
var FIELDS_DONE = Object.freeze({ done: true, value: void 0 });
var Fields = class {
  constructor(sc, pos, end) {
    this.sc = sc;
    this.pos = pos;
    this.end = end;
  }
  current = { field: 0, wire: 0, value: 0, start: 0, end: 0 };
  result = { done: false, value: this.current };
  [Symbol.iterator]() {
    return this;
  }
  next() {
    const { sc, end } = this;
    if (this.pos >= end) return FIELDS_DONE;
    const f = this.current;
    const at = this.pos;
    const tag = sc.varint(at, end);
    let pos = sc.next;
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (field === 0) throw new OnnxDecodeError("field number 0: not an ONNX protobuf", at);
    f.field = field;
    f.wire = wire;
    switch (wire) {
      case 0:
        f.value = sc.varint(pos, end);
        pos = sc.next;
        f.start = at;
        f.end = pos;
        break;
      case 1:
      case 5: {
        const n = wire === 1 ? 8 : 4;
        if (pos + n > end) throw new OnnxDecodeError("a fixed-size field runs past the end of its message: the file is truncated", at);
        f.value = 0;
        f.start = pos;
        f.end = pos + n;
        pos += n;
        break;
      }
      case 2: {
        const len = sc.varint(pos, end);
        const q = sc.next;
        if (q + len > end) {
          throw new OnnxDecodeError(`field ${field} declares ${len} bytes but only ${end - q} remain: the file is truncated or not ONNX`, at);
        }
        f.value = len;
        f.start = q;
        f.end = q + len;
        pos = q + len;
        break;
      }
      default:
        throw new OnnxDecodeError(`unsupported protobuf wire type ${wire} (field ${field}): not an ONNX model`, at);
    }
    this.pos = pos;
    return this.result;
  }
};
function expectWire(f, wire, what) {
  if (f.wire !== wire) {
    throw new OnnxDecodeError(`${what} has protobuf wire type ${f.wire}, expected ${wire}: not an ONNX model`, f.start);
  }
}
function num(x) {
  if (typeof x === "number") return x;
  if (x && typeof x === "object" && "toNumber" in x) return x.toNumber();
  return 0;
}
function fingerprint(bytes) {
  return fingerprintOf(bytes, 0, bytes.length);
}
var fingerprintDigits = new Array(16).fill(48);
var HEX = "0123456789abcdef";
function hexDigits(x, at) {
  for (let k = 7; k >= 0; k--) {
    fingerprintDigits[at + k] = HEX.charCodeAt(x & 15);
    x >>>= 4;
  }
}
function fingerprintOf(buf, start, end) {
  let a = 2166136261;
  let b = 16777619 ^ end - start;
  for (let i = start; i < end; i++) {
    const x = buf[i];
    a = Math.imul(a ^ x, 16777619);
    b = Math.imul(b ^ x, 1540483477) ^ b >>> 15;
  }
  hexDigits(a >>> 0, 0);
  hexDigits(b >>> 0, 8);
  return String.fromCharCode.apply(null, fingerprintDigits);
}
function entries(list) {
  if (!Array.isArray(list)) return [];
  return list.map((e) => [String(e.key ?? ""), String(e.value ?? "")]);
}
function opsets(list) {
  if (!Array.isArray(list)) return [];
  return list.map((o) => ({ domain: String(o.domain ?? ""), version: num(o.version) }));
}
var TYPED_FIELDS = ["floatData", "int32Data", "stringData", "int64Data", "doubleData", "uint64Data"];
function tensorFromMessage(t, digestLimit) {
  const dims = (t.dims ?? []).map(num);
  const ext = entries(t.externalData);
  let payload = { kind: "empty" };
  let digest;
  if (num(t.dataLocation) === 1 || ext.length > 0) {
    payload = externalPayload(ext);
  } else if (t.rawData instanceof Uint8Array && t.rawData.length > 0) {
    payload = { kind: "raw", offset: -1, byteLength: t.rawData.length };
    if (t.rawData.length <= digestLimit) digest = fingerprint(t.rawData);
  } else {
    for (const key of TYPED_FIELDS) {
      const arr = t[key];
      if (arr && arr.length > 0) {
        payload = { kind: "typed", field: key, count: arr.length, offset: -1, byteLength: 0 };
        digest = fingerprint(new TextEncoder().encode(key + ":" + arr.map((v) => String(v instanceof Uint8Array ? textDecoder.decode(v) : num(v) || v)).join(",")));
        break;
      }
    }
  }
  return tensorInfo(String(t.name ?? ""), num(t.dataType), dims, payload, digest);
}
var NO_DIMS = Object.freeze([]);
var EMPTY_PAYLOAD = Object.freeze({ kind: "empty" });
var rawPayloads = /* @__PURE__ */ new Map();
function rawPayload(byteLength) {
  let p = rawPayloads.get(byteLength);
  if (p === void 0) {
    p = Object.freeze({ kind: "raw", offset: -1, byteLength });
    if (rawPayloads.size < 4096) rawPayloads.set(byteLength, p);
  }
  return p;
}
function tensorInfo(name, dataType, grown, payload, digest) {
  const dims = grown.length === 0 ? NO_DIMS : grown.slice();
  return digest ? { name, dataType, dims, payload, digest } : { name, dataType, dims, payload };
}
function externalPayload(ext) {
  const get = (k) => ext.find(([key]) => key === k)?.[1];
  const p = { kind: "external", location: get("location") ?? "" };
  const off = get("offset");
  const len = get("length");
  const sum = get("checksum");
  if (off !== void 0) p.offset = Number(off);
  if (len !== void 0) p.length = Number(len);
  if (sum !== void 0) p.checksum = sum;
  return p;
}
function valueInfoFromMessage(v) {
  const type = v.type ?? {};
  const info = { name: String(v.name ?? ""), elemType: 0, kind: "unknown" };
  const tensor = type.tensorType ?? type.sparseTensorType;
  if (tensor) {
    info.kind = type.tensorType ? "tensor" : "sparse";
    info.elemType = num(tensor.elemType);
    const shape = tensor.shape;
    if (shape) {
      info.shape = (shape.dim ?? []).map(
        (d) => d.dimParam ? String(d.dimParam) : d.dimValue !== void 0 && d.dimValue !== null ? num(d.dimValue) : null
      );
    }
  } else if (type.sequenceType) info.kind = "sequence";
  else if (type.mapType) info.kind = "map";
  else if (type.optionalType) info.kind = "optional";
  return info;
}
function graphFromMessage(g, depth, ctx) {
  if (depth > ctx.maxDepth) {
    throw new OnnxDecodeError(`subgraphs are nested more than ${ctx.maxDepth} levels deep`);
  }
  const sparse = (g.sparseInitializer ?? []).map((s) => sparseFromMessage(s, ctx));
  return {
    name: String(g.name ?? ""),
    nodes: (g.node ?? []).map((n) => nodeFromMessage(n, depth, ctx)),
    inputs: (g.input ?? []).map(valueInfoFromMessage),
    outputs: (g.output ?? []).map(valueInfoFromMessage),
    valueInfo: (g.valueInfo ?? []).map(valueInfoFromMessage),
    initializers: (g.initializer ?? []).map((t) => tensorFromMessage(t, ctx.digestLimit)),
    sparseInitializers: sparse,
    metadataProps: entries(g.metadataProps)
  };
}
function sparseFromMessage(s, ctx) {
  const values2 = tensorFromMessage(s.values ?? {}, ctx.digestLimit);
  return { ...values2, dims: (s.dims ?? []).map(num) };
}
function attributeFromMessage(a, depth, ctx) {
  const attr = { name: String(a.name ?? ""), type: num(a.type) };
  if (a.refAttrName) attr.refAttrName = String(a.refAttrName);
  const has = (k) => Object.prototype.hasOwnProperty.call(a, k);
  if (has("f")) attr.f = a.f;
  if (has("i")) attr.i = num(a.i);
  if (has("s")) attr.s = textDecoder.decode(a.s);
  if (a.floats?.length) attr.floats = [...a.floats];
  if (a.ints?.length) attr.ints = a.ints.map(num);
  if (a.strings?.length) attr.strings = a.strings.map((s) => textDecoder.decode(s));
  if (has("t") && a.t) attr.t = tensorFromMessage(a.t, ctx.digestLimit);
  if (a.tensors?.length) attr.tensors = a.tensors.map((t) => tensorFromMessage(t, ctx.digestLimit));
  if (has("sparseTensor") && a.sparseTensor) attr.t = sparseFromMessage(a.sparseTensor, ctx);
  if (has("g") && a.g) attr.g = graphFromMessage(a.g, depth + 1, ctx);
  if (a.graphs?.length) attr.graphs = a.graphs.map((g) => graphFromMessage(g, depth + 1, ctx));
  return attr;
}
function nodeFromMessage(n, depth, ctx) {
  return {
    name: String(n.name ?? ""),
    opType: String(n.opType ?? ""),
    domain: String(n.domain ?? ""),
    overload: String(n.overload ?? ""),
    inputs: [...n.input ?? []],
    outputs: [...n.output ?? []],
    attributes: (n.attribute ?? []).map((a) => attributeFromMessage(a, depth, ctx)),
    docString: String(n.docString ?? ""),
    metadataProps: entries(n.metadataProps)
  };
}
var NO_ATTRIBUTES = Object.freeze([]);
var NO_METADATA = Object.freeze([]);
var latin1Slice = globalThis.Buffer?.prototype.latin1Slice;
function readString(r) {
  return asciiString(r) ?? r.string();
}
function asciiString(r) {
  const at = r.pos;
  const len = r.uint32();
  const start = r.pos;
  const end = start + len;
  const buf = r.buf;
  if (latin1Slice === void 0 || end > r.len) {
    r.pos = at;
    return void 0;
  }
  for (let i = start; i < end; i++) {
    if (buf[i] >= 128) {
      r.pos = at;
      return void 0;
    }
  }
  r.pos = end;
  return latin1Slice.call(buf, start, end);
}
var RecentOutputs = class {
  names = new Array(RECENT_OUTPUTS).fill("");
  next = 0;
  add(name) {
    this.names[this.next] = name;
    this.next = (this.next + 1) % RECENT_OUTPUTS;
  }
  /**
   * The recent output whose name is the bytes `buf[start, end)`, or undefined. Every name kept
   * is ASCII, so bytes equal to its characters are ASCII too and decode to it.
   */
  find(buf, start, end) {
    const length = end - start;
    for (const name of this.names) if (name.length === length && sameBytesFromEnd(name, buf, start)) return name;
    return void 0;
  }
};
var RECENT_OUTPUTS = 8;
function sameBytesFromEnd(s, buf, start) {
  for (let i = s.length - 1; i >= 0; i--) if (s.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}
function readInputName(r, recent) {
  const at = r.pos;
  const len = r.uint32();
  const end = r.pos + len;
  const known = end <= r.len ? recent.find(r.buf, r.pos, end) : void 0;
  if (known !== void 0) {
    r.pos = end;
    return known;
  }
  r.pos = at;
  return readString(r);
}
function readOutputName(r, recent) {
  const ascii = asciiString(r);
  if (ascii === void 0) return r.string();
  recent.add(ascii);
  return ascii;
}
var Interner = class {
  seen = /* @__PURE__ */ new Map();
  get(s) {
    const known = this.seen.get(s);
    if (known !== void 0) return known;
    if (this.seen.size < 4096) this.seen.set(s, s);
    return s;
  }
};
var scratchInputs = [];
var scratchOutputs = [];
var ReaderSlot = class {
  reader;
  over(buf, start, end) {
    let r = this.reader;
    if (r === void 0 || r.buf !== buf) this.reader = r = import_light2.default.Reader.create(buf);
    r.pos = start;
    r.len = end;
    return r;
  }
};
var nodeReader = new ReaderSlot();
var attributeReader = new ReaderSlot();
var entryReader = new ReaderSlot();
var tensorReader = new ReaderSlot();
function messageStart(r) {
  const length = r.uint32();
  const start = r.pos;
  r.skip(length);
  return start;
}
function readNodeAt(sc, start, end, ctx) {
  const at = sc.win.locate(start, end - start);
  if (at >= 0) {
    try {
      return readNode(sc.win.view, at, at + end - start, 0, ctx);
    } catch {
    }
  }
  const bytes = sc.win.bytes(start, end - start);
  return readNode(bytes, 0, bytes.length, 0, ctx);
}
function readNode(buf, start, end, depth, ctx) {
  const r = nodeReader.over(buf, start, end);
  let name = "";
  let opType = "";
  let domain = "";
  let overload = "";
  let docString = "";
  let attributes = NO_ATTRIBUTES;
  let metadataProps = NO_METADATA;
  let nInputs = 0;
  let nOutputs = 0;
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        scratchInputs[nInputs++] = readInputName(r, ctx.recentOutputs);
        break;
      case 2:
        scratchOutputs[nOutputs++] = readOutputName(r, ctx.recentOutputs);
        break;
      case 3:
        name = readString(r);
        break;
      case 4:
        opType = ctx.interned.get(readString(r));
        break;
      case 5:
        if (attributes === NO_ATTRIBUTES) attributes = [];
        attributes.push(readAttribute(r.buf, messageStart(r), r.pos, depth, ctx));
        break;
      case 6:
        docString = r.string();
        break;
      case 7:
        domain = ctx.interned.get(readString(r));
        break;
      case 8:
        overload = r.string();
        break;
      case 9:
        if (metadataProps === NO_METADATA) metadataProps = [];
        metadataProps.push(readEntry(r.buf, messageStart(r), r.pos));
        break;
      default:
        r.skipType(tag & 7);
    }
  }
  if (attributes !== NO_ATTRIBUTES) attributes = attributes.slice();
  if (metadataProps !== NO_METADATA) metadataProps = metadataProps.slice();
  return { name, opType, domain, overload, inputs: scratchInputs.slice(0, nInputs), outputs: scratchOutputs.slice(0, nOutputs), attributes, docString, metadataProps };
}
function readEntry(buf, start, end) {
  const r = entryReader.over(buf, start, end);
  let key = "";
  let value = "";
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag >>> 3 === 1) key = r.string();
    else if (tag >>> 3 === 2) value = r.string();
    else r.skipType(tag & 7);
  }
  return [key, value];
}
function readAttribute(buf, start, end, depth, ctx) {
  const r = attributeReader.over(buf, start, end);
  let name = "";
  let type = 0;
  const a = {};
  while (r.pos < r.len) {
    const tag = r.uint32();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        name = ctx.interned.get(readString(r));
        break;
      case 2:
        a.f = r.float();
        break;
      case 3:
        a.i = num(r.int64());
        break;
      case 4:
        a.s = textDecoder.decode(r.bytes());
        break;
      case 5:
        a.t = readAttributeTensor(r.buf, messageStart(r), r.pos, ctx.digestLimit);
        break;
      case 6:
        a.g = graphFromMessage(onnxTypes().GraphProto.decode(r.bytes()), depth + 1, ctx);
        break;
      case 7: {
        const floats = a.floats ??= [];
        if (wire === 2) for (const end2 = r.uint32() + r.pos; r.pos < end2; ) floats.push(r.float());
        else floats.push(r.float());
        break;
      }
      case 8: {
        const ints = a.ints ??= [];
        if (wire === 2) for (const end2 = r.uint32() + r.pos; r.pos < end2; ) ints.push(num(r.int64()));
        else ints.push(num(r.int64()));
        break;
      }
      case 9:
        (a.strings ??= []).push(textDecoder.decode(r.bytes()));
        break;
      case 10:
        (a.tensors ??= []).push(tensorFromMessage(onnxTypes().TensorProto.decode(r.bytes()), ctx.digestLimit));
        break;
      case 11:
        (a.graphs ??= []).push(graphFromMessage(onnxTypes().GraphProto.decode(r.bytes()), depth + 1, ctx));
        break;
      case 20:
        type = r.int32();
        break;
      case 21:
        a.refAttrName = r.string();
        break;
      case 22:
        a.t = sparseFromMessage(onnxTypes().SparseTensorProto.decode(r.bytes()), ctx);
        break;
      default:
        r.skipType(wire);
    }
  }
  if (a.floats) a.floats = a.floats.slice();
  if (a.ints) a.ints = a.ints.slice();
  if (a.strings) a.strings = a.strings.slice();
  return attribute(name, type, a);
}
function attribute(name, type, rest) {
  let only;
  for (const k in rest) {
    if (only !== void 0) return Object.assign({ name, type }, rest);
    only = k;
  }
  switch (only) {
    case void 0:
      return { name, type };
    case "i":
      return { name, type, i: rest.i };
    case "t":
      return { name, type, t: rest.t };
    case "ints":
      return { name, type, ints: rest.ints };
    case "f":
      return { name, type, f: rest.f };
    case "s":
      return { name, type, s: rest.s };
    case "floats":
      return { name, type, floats: rest.floats };
    default:
      return Object.assign({ name, type }, rest);
  }
}
function readAttributeTensor(buf, start, end, digestLimit) {
  const T = FIELD.tensor;
  const r = tensorReader.over(buf, start, end);
  const dims = [];
  let name = "";
  let dataType = 0;
  let dataLocation = 0;
  let rawStart = 0;
  let rawEnd = 0;
  while (r.pos < r.len) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case T.dims:
        if ((tag & 7) === 2) {
          const end2 = r.uint32() + r.pos;
          while (r.pos < end2) dims.push(num(r.int64()));
        } else dims.push(num(r.int64()));
        break;
      case T.dataType:
        dataType = r.int32();
        break;
      case T.name:
        name = readString(r);
        break;
      case T.rawData:
        rawStart = messageStart(r);
        rawEnd = r.pos;
        break;
      case T.dataLocation:
        dataLocation = r.int32();
        break;
      default:
        return tensorFromMessage(onnxTypes().TensorProto.decode(buf.subarray(start, end)), digestLimit);
    }
  }
  let payload = EMPTY_PAYLOAD;
  let digest;
  if (dataLocation === 1) payload = externalPayload([]);
  else if (rawEnd > rawStart) {
    payload = rawPayload(rawEnd - rawStart);
    if (rawEnd - rawStart <= digestLimit) digest = fingerprintOf(buf, rawStart, rawEnd);
  }
  return tensorInfo(name, dataType, dims, payload, digest);
}
function functionFromMessage(f, ctx) {
  return {
    name: String(f.name ?? ""),
    domain: String(f.domain ?? ""),
    overload: String(f.overload ?? ""),
    inputs: [...f.input ?? []],
    outputs: [...f.output ?? []],
    attributes: [...f.attribute ?? []],
    nodes: (f.node ?? []).map((n) => nodeFromMessage(n, 1, ctx)),
    opsetImports: opsets(f.opsetImport),
    valueInfo: (f.valueInfo ?? []).map(valueInfoFromMessage),
    metadataProps: entries(f.metadataProps)
  };
}
function decodeMessage(type, bytes, what, at, convert) {
  let msg;
  try {
    msg = type.decode(bytes);
  } catch (err) {
    throw protobufError(err, what, at);
  }
  try {
    return convert(msg);
  } catch (err) {
    if (err instanceof RangeError) throw new OnnxDecodeError(`${what} is nested too deeply to decode`, at);
    throw err;
  }
}
function protobufError(err, what, at) {
  if (err instanceof OnnxDecodeError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof RangeError && /call stack/i.test(message) || /nesting depth/i.test(message)) {
    return new OnnxDecodeError(`${what} is nested too deeply to decode`, at);
  }
  if (/index out of range/.test(message)) {
    return new OnnxDecodeError(`${what} is cut short: a length inside it runs past its end`, at);
  }
  return new OnnxDecodeError(`${what} is malformed: ${message}`, at);
}
function scanTensor(sc, start, end, ctx) {
  const dims = [];
  let name = "";
  let dataType = 0;
  let payload = { kind: "empty" };
  let dataLocation = 0;
  let digestSource;
  const ext = [];
  const T = FIELD.tensor;
  for (const f of sc.fields(start, end)) {
    switch (f.field) {
      case T.dims:
        if (f.wire === 0) dims.push(f.value);
        else if (f.wire === 2) {
          for (let p = f.start; p < f.end; p = sc.next) dims.push(sc.varint(p, f.end));
        }
        break;
      case T.dataType:
        expectWire(f, 0, "TensorProto.data_type");
        dataType = f.value;
        break;
      case T.name:
        expectWire(f, 2, "TensorProto.name");
        name = sc.string(f);
        break;
      case T.rawData:
        expectWire(f, 2, "TensorProto.raw_data");
        payload = { kind: "raw", offset: f.start, byteLength: f.end - f.start };
        digestSource = { ...f };
        break;
      case T.externalData:
        expectWire(f, 2, "TensorProto.external_data");
        ext.push(...decodeMessage(onnxTypes().StringStringEntryProto, sc.bytes(f), "an external data entry", f.start, (m) => entries([m])));
        break;
      case T.dataLocation:
        expectWire(f, 0, "TensorProto.data_location");
        dataLocation = f.value;
        break;
      case T.floatData:
      case T.int32Data:
      case T.stringData:
      case T.int64Data:
      case T.doubleData:
      case T.uint64Data: {
        const fieldName = TYPED_FIELDS[[T.floatData, T.int32Data, T.stringData, T.int64Data, T.doubleData, T.uint64Data].indexOf(f.field)];
        const len = f.wire === 2 ? f.end - f.start : f.end - f.start;
        if (payload.kind === "typed") {
          payload.byteLength += len;
          payload.count += 1;
        } else {
          payload = { kind: "typed", field: fieldName, count: 1, offset: f.start, byteLength: len };
          digestSource = { ...f };
        }
        break;
      }
      default:
        break;
    }
  }
  if (dataLocation === 1 || ext.length > 0) payload = externalPayload(ext);
  let digest;
  if (digestSource && (payload.kind === "raw" || payload.kind === "typed") && payload.byteLength <= ctx.digestLimit) {
    digest = `${dataType}:${dims.join("x")}:${fingerprint(sc.bytes(digestSource))}`;
  }
  return tensorInfo(name, dataType, dims, payload, digest);
}
function scanSparse(sc, start, end, ctx) {
  let values2;
  const dims = [];
  for (const f of sc.fields(start, end)) {
    if (f.field === FIELD.sparse.values && f.wire === 2) values2 = scanTensor(sc, f.start, f.end, ctx);
    else if (f.field === FIELD.sparse.dims) {
      if (f.wire === 0) dims.push(f.value);
      else if (f.wire === 2) {
        for (let p = f.start; p < f.end; p = sc.next) dims.push(sc.varint(p, f.end));
      }
    }
  }
  return { ...values2 ?? { name: "", dataType: 0, dims: [], payload: { kind: "empty" } }, dims };
}
function scanGraph(sc, start, end, ctx) {
  const types2 = onnxTypes();
  const graph = {
    name: "",
    nodes: [],
    inputs: [],
    outputs: [],
    valueInfo: [],
    initializers: [],
    sparseInitializers: [],
    metadataProps: []
  };
  const G = FIELD.graph;
  for (const f of sc.fields(start, end)) {
    switch (f.field) {
      case G.node:
        expectWire(f, 2, "GraphProto.node");
        try {
          graph.nodes.push(readNodeAt(sc, f.start, f.end, ctx));
        } catch (err) {
          throw protobufError(err, `node #${graph.nodes.length}`, f.start);
        }
        break;
      case G.name:
        expectWire(f, 2, "GraphProto.name");
        graph.name = sc.string(f);
        break;
      case G.initializer:
        expectWire(f, 2, "GraphProto.initializer");
        graph.initializers.push(scanTensor(sc, f.start, f.end, ctx));
        break;
      case G.sparseInitializer:
        expectWire(f, 2, "GraphProto.sparse_initializer");
        graph.sparseInitializers.push(scanSparse(sc, f.start, f.end, ctx));
        break;
      case G.input:
      case G.output:
      case G.valueInfo: {
        expectWire(f, 2, "GraphProto value info");
        const vi = decodeMessage(types2.ValueInfoProto, sc.bytes(f), "a value info", f.start, valueInfoFromMessage);
        (f.field === G.input ? graph.inputs : f.field === G.output ? graph.outputs : graph.valueInfo).push(vi);
        break;
      }
      case 16:
        expectWire(f, 2, "GraphProto.metadata_props");
        graph.metadataProps.push(...decodeMessage(types2.StringStringEntryProto, sc.bytes(f), "a graph metadata entry", f.start, (m) => entries([m])));
        break;
      default:
        break;
    }
  }
  return graph;
}
function decodeModel(src, options = {}) {
  let model;
  try {
    model = decodeStructure(src, options);
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message)) throw new OnnxDecodeError("the model is nested too deeply to decode");
    throw err;
  }
  checkLimits(model);
  return model;
}
function decodeStructure(src, options) {
  const ctx = { maxDepth: options.maxDepth ?? 64, digestLimit: options.digestLimit ?? 1 << 16, interned: new Interner(), recentOutputs: new RecentOutputs() };
  if (src.size === 0) throw new OnnxDecodeError("the file is empty");
  const sc = new Scanner(src);
  const types2 = onnxTypes();
  const model = {
    irVersion: 0,
    producerName: "",
    producerVersion: "",
    domain: "",
    modelVersion: 0,
    docString: "",
    opsetImports: [],
    metadataProps: [],
    graph: void 0,
    functions: [],
    byteLength: src.size
  };
  let sawIr = false;
  for (const f of sc.fields(0, src.size)) {
    switch (f.field) {
      case 1:
        expectWire(f, 0, "ModelProto.ir_version");
        model.irVersion = f.value;
        sawIr = true;
        break;
      case 2:
      case 3:
      case 4:
      case 6: {
        expectWire(f, 2, "ModelProto string field");
        const s = sc.string(f);
        if (f.field === 2) model.producerName = s;
        else if (f.field === 3) model.producerVersion = s;
        else if (f.field === 4) model.domain = s;
        else model.docString = s;
        break;
      }
      case 5:
        expectWire(f, 0, "ModelProto.model_version");
        model.modelVersion = f.value;
        break;
      case 7:
        expectWire(f, 2, "ModelProto.graph");
        if (model.graph) throw new OnnxDecodeError("the model has two graph fields: not a valid ONNX model", f.start);
        model.graph = scanGraph(sc, f.start, f.end, ctx);
        break;
      case 8:
        expectWire(f, 2, "ModelProto.opset_import");
        model.opsetImports.push(
          ...decodeMessage(types2.OperatorSetIdProto, sc.bytes(f), "an opset import", f.start, (m) => opsets([m]))
        );
        break;
      case 14:
        expectWire(f, 2, "ModelProto.metadata_props");
        model.metadataProps.push(
          ...decodeMessage(types2.StringStringEntryProto, sc.bytes(f), "a metadata entry", f.start, (m) => entries([m]))
        );
        break;
      case FIELD.model.functions:
        expectWire(f, 2, "ModelProto.functions");
        model.functions.push(
          decodeMessage(
            types2.FunctionProto,
            sc.bytes(f),
            `function #${model.functions.length}`,
            f.start,
            (m) => functionFromMessage(m, ctx)
          )
        );
        break;
      default:
        break;
    }
  }
  if (!model.graph) {
    throw new OnnxDecodeError(
      sawIr ? "the model has no graph" : "no ONNX model structure found (no ir_version, no graph): not an ONNX file"
    );
  }
  if (!sawIr) throw new OnnxDecodeError("the model has no ir_version: not an ONNX file");
  return model;
}

// src/adapters/fs/errors.ts
var UserError = class extends Error {
  /**
   * @param message one line naming the file and the problem
   * @param details lines printed after it (what was tried, how to change it), each one line too
   */
  constructor(message, details = []) {
    super(message);
    this.details = details;
    this.name = "UserError";
  }
  /** Process exit code: 1 for bad input, 2 for a command line that does not parse. */
  exitCode = 1;
};

// src/adapters/fs/model-file.ts
var FileSource = class {
  constructor(fd, size) {
    this.fd = fd;
    this.size = size;
  }
  size;
  read(offset, length) {
    const buf = Buffer.allocUnsafe(length);
    this.readInto(offset, buf);
    return buf;
  }
  readInto(offset, target) {
    let done = 0;
    while (done < target.length) {
      const n = fs.readSync(this.fd, target, done, target.length - done, offset + done);
      if (n === 0) throw new OnnxDecodeError("the file ended while it was being read (was it changed during analysis?)", offset + done);
      done += n;
    }
  }
};
function allTensors(model) {
  const out = [];
  const graphs = [model.graph];
  const visitNodes = (nodes) => {
    for (let i = 0; i < nodes.length; i++) {
      const attributes = nodes[i].attributes;
      for (let k = 0; k < attributes.length; k++) {
        const a = attributes[k];
        if (a.t) out.push(a.t);
        if (a.tensors) for (const t of a.tensors) out.push(t);
        if (a.g) graphs.push(a.g);
        if (a.graphs) for (const g of a.graphs) graphs.push(g);
      }
    }
  };
  for (const fn of model.functions) visitNodes(fn.nodes);
  for (let g = graphs.pop(); g; g = graphs.pop()) {
    for (const t of g.initializers) out.push(t);
    for (const t of g.sparseInitializers) out.push(t);
    visitNodes(g.nodes);
  }
  return out;
}
function checkExternalData(file, model) {
  const dir = path.dirname(path.resolve(file));
  let realDir;
  for (const t of allTensors(model)) {
    if (t.payload.kind !== "external") continue;
    const loc = t.payload.location;
    const what = `tensor ${quoteName(t.name)} has external data location ${quoteName(loc)}`;
    if (loc === "") throw new UserError(`${file}: ${what}: the location is empty`);
    if (path.isAbsolute(loc) || path.win32.isAbsolute(loc) || loc.includes("\0")) {
      throw new UserError(`${file}: ${what}: absolute paths are refused; external data must sit in the model's folder`);
    }
    const parts = loc.split(/[\\/]+/);
    if (parts.includes("..")) {
      throw new UserError(`${file}: ${what}: paths that leave the model's folder are refused`);
    }
    const target = path.resolve(dir, loc);
    if (fs.lstatSync(target, { throwIfNoEntry: false })) {
      realDir ??= fs.realpathSync(dir);
      let real;
      try {
        real = fs.realpathSync(target);
      } catch {
        throw new UserError(`${file}: ${what}: it is a link that leads nowhere`);
      }
      if (real !== realDir && !real.startsWith(realDir + path.sep)) {
        throw new UserError(`${file}: ${what}: it is a link to ${quoteName(real, 200)}, outside the model's folder`);
      }
    }
  }
}
function loadModelFile(file, options = {}) {
  let fd;
  try {
    fd = fs.openSync(file, "r");
  } catch (err) {
    const code = err.code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "it is a directory" : String(err.message);
    throw new UserError(`${file}: cannot open: ${why}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new UserError(`${file}: cannot open: it is a directory`);
    const model = decodeModel(new FileSource(fd, stat.size), options);
    checkExternalData(file, model);
    return { file, model };
  } catch (err) {
    if (err instanceof ModelLimitError) throw new UserError(`${file}: beyond what modelexport analyses: ${err.message}`);
    if (err instanceof OnnxDecodeError) throw new UserError(`${file}: not a valid ONNX model: ${err.message}`);
    if (err.code === "EISDIR") throw new UserError(`${file}: cannot open: it is a directory`);
    throw err;
  } finally {
    fs.closeSync(fd);
  }
}

// src/adapters/fs/write.ts
import fs2 from "node:fs";
import path2 from "node:path";
function writeFileAtomic(file, data) {
  const dir = path2.dirname(path2.resolve(file));
  try {
    fs2.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UserError(`${file}: cannot create folder '${dir}': ${err.code ?? err.message}`);
  }
  const tmp = path2.join(dir, `.${path2.basename(file)}.${process.pid}.tmp`);
  try {
    fs2.writeFileSync(tmp, data);
    fs2.renameSync(tmp, file);
  } catch (err) {
    fs2.rmSync(tmp, { force: true });
    throw new UserError(`${file}: cannot write: ${err.code ?? err.message}`);
  }
}
function toJson(value) {
  return JSON.stringify(value, null, 2) + "\n";
}
var FILE_BLOCK = 2 << 20;
var SIGNAL = 0;
var WRITTEN = 1;
var LENGTHS = 2;
var RING_WRITER_SOURCE = `
const fs = require("node:fs");
const { workerData } = require("node:worker_threads");
const { fd, ring, control, blockBytes, blocks, errors } = workerData;
const words = new Int32Array(control);
const bytes = new Uint8Array(ring);
for (let written = 0; ; ) {
  const signal = Atomics.load(words, ${SIGNAL});
  if (written < signal >> 1) {
    const k = written % blocks;
    const length = words[${LENGTHS} + k];
    try {
      for (let at = 0; at < length; ) at += fs.writeSync(fd, bytes, k * blockBytes + at, length - at);
    } catch (err) {
      errors.postMessage(String(err.code || err.message));
      Atomics.store(words, ${WRITTEN}, -1);
      Atomics.notify(words, ${WRITTEN});
      break;
    }
    Atomics.store(words, ${WRITTEN}, ++written);
    Atomics.notify(words, ${WRITTEN});
  } else if (signal & 1) break;
  else Atomics.wait(words, ${SIGNAL}, signal);
}
`;

// src/util/string-table.ts
var StringTable = class {
  keys;
  /** Slot → entry + 1 (0 = empty). */
  slots;
  hashes;
  values;
  mask;
  count = 0;
  constructor(expected = 16) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    const entries2 = Math.max(8, expected);
    this.keys = new Array(entries2);
    this.hashes = new Int32Array(entries2);
    this.values = new Int32Array(entries2);
  }
  /** The value of `key`, or -1 when the table has none. */
  get(key) {
    return this.getPrefix(key, key.length);
  }
  /**
   * The value of `s.slice(0, end)`, or -1 when the table has none, without making that string:
   * the names of one module share all but their last segment.
   */
  getPrefix(s, end) {
    const h = hashPrefix(s, end);
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = h & mask; ; slot = slot + 1 & mask) {
      const e = slots[slot];
      if (e === 0) return -1;
      if (this.hashes[e - 1] === h) {
        const k = this.keys[e - 1];
        if (k.length === end && s.startsWith(k)) return this.values[e - 1];
      }
    }
  }
  /** Set `key` to `value` (a non-negative integer); returns the value it replaced, or -1 when `key` is new. */
  set(key, value) {
    return this.put(key, value, true);
  }
  /**
   * The value of `key` when the table has one (left as it is); otherwise `key` is set to `value`
   * and -1 returned. One hash of `key` where `get` then `set` would make two.
   */
  getOrSet(key, value) {
    return this.put(key, value, false);
  }
  /** Finds `key`'s slot once: replaces its value when `replace`, returns the old one (or -1 when new). */
  put(key, value, replace) {
    const h = hashString(key);
    const mask = this.mask;
    let s = h & mask;
    for (; ; s = s + 1 & mask) {
      const e2 = this.slots[s];
      if (e2 === 0) break;
      if (this.hashes[e2 - 1] === h && this.keys[e2 - 1] === key) {
        const old = this.values[e2 - 1];
        if (replace) this.values[e2 - 1] = value;
        return old;
      }
    }
    const e = this.count++;
    if (e === this.values.length) this.growEntries();
    this.keys[e] = key;
    this.hashes[e] = h;
    this.values[e] = value;
    this.slots[s] = e + 1;
    if (this.count * 2 > this.slots.length) this.growSlots();
    return -1;
  }
  growEntries() {
    const n = this.values.length * 2;
    const hashes = new Int32Array(n);
    hashes.set(this.hashes);
    const values2 = new Int32Array(n);
    values2.set(this.values);
    this.hashes = hashes;
    this.values = values2;
    this.keys.length = n;
  }
  growSlots() {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let e = 0; e < this.count; e++) {
      let s = this.hashes[e] & mask;
      while (slots[s] !== 0) s = s + 1 & mask;
      slots[s] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
};
function hashString(s) {
  return hashPrefix(s, s.length);
}
function hashPrefix(s, end) {
  let even = 2166136261;
  let odd = 16777619 ^ end;
  let i = 0;
  for (; i + 1 < end; i += 2) {
    even = Math.imul(even ^ s.charCodeAt(i), 16777619);
    odd = Math.imul(odd ^ s.charCodeAt(i + 1), 1540483477);
  }
  if (i < end) even = Math.imul(even ^ s.charCodeAt(i), 16777619);
  let h = even ^ Math.imul(odd, 668265263);
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  h ^= h >>> 16;
  return h;
}

// src/load/graph-index.ts
var RECENT = 4;
function localNodeIds(count, nameOf, firstOutputOf) {
  const firstAt = new StringTable(count);
  const shared = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const first = firstAt.getOrSet(nameOf(i), i);
    if (first >= 0) {
      shared[i] = 1;
      shared[first] = 1;
    }
  }
  const ids = new Array(count);
  const rest = [];
  for (let i = 0; i < count; i++) {
    const name = nameOf(i);
    if (name !== "" && shared[i] === 0) ids[i] = name;
    else rest.push(i);
  }
  if (rest.length === 0) return ids;
  const outputCount = /* @__PURE__ */ new Map();
  for (const i of rest) {
    const o = firstOutputOf(i);
    if (o !== "") outputCount.set(o, (outputCount.get(o) ?? 0) + 1);
  }
  for (const i of rest) {
    const name = nameOf(i);
    const o = firstOutputOf(i);
    const byOutput = `${name}#${o}`;
    ids[i] = o !== "" && outputCount.get(o) === 1 && firstAt.get(byOutput) < 0 ? byOutput : `${name}#${i}`;
  }
  return ids;
}
function functionKey(domain, name) {
  return `${domain}:${name}`;
}
var NO_NEIGHBOURS = Object.freeze([]);
var Adjacency = class {
  constructor(start, targets) {
    this.start = start;
    this.targets = targets;
  }
  /** Node `i`'s list as an array of its own (the shared frozen empty list when it has none). */
  of(i) {
    const a = this.start[i];
    const b = this.start[i + 1];
    return a === b ? NO_NEIGHBOURS : copyOut(this.targets, a, b);
  }
  /** Whether node `j` is in node `i`'s list, read in place (no copy of the list). */
  has(i, j) {
    for (let k = this.start[i], end = this.start[i + 1]; k < end; k++) if (this.targets[k] === j) return true;
    return false;
  }
  /** How many nodes node `i`'s list has. */
  count(i) {
    return this.start[i + 1] - this.start[i];
  }
};
function readsOnlyInitializers(index2, i) {
  for (const t of index2.nodes[i].node.inputs) if (t !== "" && !index2.initializers.has(t)) return false;
  return true;
}
function buildGraphIndex(model) {
  const nodes = [];
  const scopes = [];
  const functions = /* @__PURE__ */ new Map();
  const addGraph = (g, graphPath, parentScope, owner, fnKey) => {
    const scope = { producers: new StringTable(g.nodes.length), sharedOutputs: false, parent: parentScope };
    const first = nodes.length;
    const locals = localNodeIds(g.nodes.length, (i) => g.nodes[i].name, (i) => g.nodes[i].outputs[0] ?? "");
    const owners = [];
    for (let position = 0; position < g.nodes.length; position++) {
      const node = g.nodes[position];
      if (node.attributes.length > 0 && node.attributes.some((a) => a.g || a.graphs)) owners.push(first + position);
      const local = locals[position];
      const id = graphPath === "" ? local : `${graphPath}>${local}`;
      const index2 = nodes.length;
      const entry2 = { id, index: index2, graph: graphPath, position, node };
      if (owner !== void 0) entry2.owner = owner;
      if (fnKey !== void 0) entry2.functionKey = fnKey;
      nodes.push(entry2);
      for (let k = 0; k < node.outputs.length; k++) {
        const out = node.outputs[k];
        if (out !== "" && scope.producers.set(out, index2) >= 0) scope.sharedOutputs = true;
      }
      scopes.push(scope);
    }
    for (const i of owners) {
      const n = nodes[i];
      for (const a of n.node.attributes) {
        if (a.g) addGraph(a.g, `${n.id}/${a.name}`, scope, i);
        a.graphs?.forEach((sub, k) => addGraph(sub, `${n.id}/${a.name}[${k}]`, scope, i));
      }
    }
  };
  addGraph(model.graph, "", void 0, void 0);
  for (const fn of model.functions) {
    const key = functionKey(fn.domain, fn.name);
    const start = nodes.length;
    addGraph({ ...emptyGraph(), nodes: fn.nodes }, `fn:${key}`, void 0, void 0, key);
    functions.set(key, range(start, nodes.length));
  }
  const consumerCount = new Int32Array(nodes.length);
  let flat = new Int32Array(Math.max(16, nodes.length * 2));
  const flatStart = new Int32Array(nodes.length + 1);
  let used = 0;
  for (let i = 0; i < nodes.length; i++) {
    const scope = scopes[i];
    const names = nodes[i].node.inputs;
    flatStart[i] = used;
    const listed = names.length > 16 ? /* @__PURE__ */ new Set() : void 0;
    for (const name of names) {
      if (name === "") continue;
      let s = scope;
      let p = scope !== void 0 && !scope.sharedOutputs ? recentProducer(nodes, scopes, i, name) : -1;
      while (s && p < 0) {
        p = s.producers.get(name);
        s = s.parent;
      }
      if (p < 0 || p === i) continue;
      if (listed ? listed.has(p) : listedIn(flat, flatStart[i], used, p)) continue;
      listed?.add(p);
      if (used === flat.length) {
        const grown = new Int32Array(flat.length * 2);
        grown.set(flat);
        flat = grown;
      }
      flat[used++] = p;
      consumerCount[p]++;
    }
  }
  flatStart[nodes.length] = used;
  const producers = new Adjacency(flatStart, flat.length === used ? flat : flat.slice(0, used));
  const consumerStart = new Int32Array(nodes.length + 1);
  for (let i = 0; i < nodes.length; i++) consumerStart[i + 1] = consumerStart[i] + consumerCount[i];
  const consumerTargets = new Int32Array(used);
  const filled = consumerCount.fill(0);
  for (let i = 0; i < nodes.length; i++) {
    for (let k = flatStart[i]; k < flatStart[i + 1]; k++) {
      const p = flat[k];
      consumerTargets[consumerStart[p] + filled[p]++] = i;
    }
  }
  const consumers = new Adjacency(consumerStart, consumerTargets);
  return {
    model,
    nodes,
    // Built on first use only: most commands never look a node up by id, and a Map of every id
    // is tens of megabytes on a large graph.
    get byId() {
      const byId = /* @__PURE__ */ new Map();
      for (const n of nodes) byId.set(n.id, n.index);
      Object.defineProperty(this, "byId", { value: byId, enumerable: true });
      return byId;
    },
    producers,
    consumers,
    initializers: new Map(model.graph.initializers.map((t) => [t.name, t])),
    graphInputs: new Set(model.graph.inputs.map((v) => v.name)),
    graphOutputs: new Set(model.graph.outputs.map((v) => v.name)),
    functions
  };
}
function recentProducer(nodes, scopes, i, name) {
  const scope = scopes[i];
  for (let j = i - 1; j >= 0 && j >= i - RECENT && scopes[j] === scope; j--) {
    for (const out of nodes[j].node.outputs) if (out === name) return j;
  }
  return -1;
}
function listedIn(flat, from, to, x) {
  for (let k = from; k < to; k++) if (flat[k] === x) return true;
  return false;
}
function copyOut(flat, from, to) {
  const out = new Array(to - from);
  for (let k = from; k < to; k++) out[k - from] = flat[k];
  return out;
}
function emptyGraph() {
  return { name: "", nodes: [], inputs: [], outputs: [], valueInfo: [], initializers: [], sparseInitializers: [], metadataProps: [] };
}
function range(a, b) {
  const out = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}

// src/hierarchy/paths.ts
function atoms(path6) {
  return path6 === "" ? [] : path6.split(".");
}
function mayBeStateDictName(name) {
  return !name.includes("/") && !name.includes("::");
}
function isIndex(atom) {
  if (atom.length === 0) return false;
  for (let i = 0; i < atom.length; i++) {
    const c = atom.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
var instanceCache = /* @__PURE__ */ new Map();
function layerInstanceOf(path6) {
  const hit = instanceCache.get(path6);
  if (hit !== void 0) return hit;
  let result = null;
  let start = 0;
  while (start <= path6.length && path6 !== "") {
    const end = path6.indexOf(".", start);
    const atom = end < 0 ? path6.slice(start) : path6.slice(start, end);
    if (isIndex(atom)) {
      const head = path6.slice(0, start);
      result = { path: end < 0 ? path6 : path6.slice(0, end), template: `${head}*`, index: Number(atom) };
      break;
    }
    if (end < 0) break;
    start = end + 1;
  }
  if (instanceCache.size > 1e5) instanceCache.clear();
  instanceCache.set(path6, result);
  return result;
}
function numberedName(atom) {
  const m = /^(.*\D)(\d+)([a-z]?)$/.exec(atom);
  if (!m) return null;
  const n = Number(m[2]);
  return { stem: m[1], number: m[3] === "" ? n : n * 32 + m[3].charCodeAt(0) - 96 };
}
function stemShape(stem) {
  return stem.replace(/\d+/g, "#");
}
var LayerNaming = class {
  containers = /* @__PURE__ */ new Set();
  /** Containers with a child that is not an index. */
  named = /* @__PURE__ */ new Set();
  /** Parent path → stem → how many children carry it. */
  stems = /* @__PURE__ */ new Map();
  /** `parent\0stem` of a lone numbered child that its parent's siblings show to be an instance. */
  loneInstances = /* @__PURE__ */ new Set();
  /** `parent\0stem` where a child of that stem is a container: its siblings of the stem are instances, leaves or not. */
  containerStems = /* @__PURE__ */ new Set();
  /** The same one level up, `grandparent\0stem shape`: a like parent's child of the stem is a container. */
  containerCousins = /* @__PURE__ */ new Set();
  cache = /* @__PURE__ */ new Map();
  constructor(modulePaths) {
    const all = /* @__PURE__ */ new Set();
    for (const path6 of modulePaths) {
      for (let p = path6; p !== "" && !all.has(p); p = parentPath(p)) {
        all.add(p);
        const parent = parentPath(p);
        if (parent !== "") this.containers.add(parent);
      }
    }
    const named = this.named;
    for (const path6 of all) {
      const cut = path6.lastIndexOf(".");
      if (!isIndex(cut < 0 ? path6 : path6.slice(cut + 1))) named.add(cut < 0 ? "" : path6.slice(0, cut));
    }
    const parts = [];
    const childOf = /* @__PURE__ */ new Map();
    for (const path6 of all) {
      const cut = path6.lastIndexOf(".");
      const n = numberedName(cut < 0 ? path6 : path6.slice(cut + 1));
      if (n === null) continue;
      const parent = cut < 0 ? "" : path6.slice(0, cut);
      const byStem = this.stems.get(parent) ?? this.stems.set(parent, /* @__PURE__ */ new Map()).get(parent);
      byStem.set(n.stem, (byStem.get(n.stem) ?? 0) + 1);
      childOf.set(`${parent}\0${n.stem}`, path6);
      if (this.containers.has(path6)) {
        this.containerStems.add(`${parent}\0${n.stem}`);
        if (parent !== "") this.containerCousins.add(`${parentPath(parent)}\0${stemShape(n.stem)}`);
      }
      if (this.containers.has(path6) && !named.has(path6)) parts.push([parent, n.stem]);
    }
    for (const [parent, stem] of parts) this.stems.get(parent).delete(stem);
    const repeated = /* @__PURE__ */ new Set();
    for (const [parent, byStem] of this.stems) {
      for (const [stem, count] of byStem) if (count >= 2 && parent !== "") repeated.add(`${parentPath(parent)}\0${stemShape(stem)}`);
    }
    for (const [parent, byStem] of this.stems) {
      if (parent === "") continue;
      for (const [stem, count] of byStem) {
        const key = `${parent}\0${stem}`;
        if (count === 1 && this.containers.has(childOf.get(key)) && repeated.has(`${parentPath(parent)}\0${stemShape(stem)}`)) this.loneInstances.add(key);
      }
    }
  }
  /**
   * Whether a module's children are all indices: a Sequential or a ModuleList, which run no op
   * of their own (a ModuleList may be absent from the tree: every prefix of a path counts).
   */
  holdsParts(path6) {
    return this.containers.has(path6) && !this.named.has(path6);
  }
  /** Whether children of `parent` named with `stem` and a number are instances. */
  numbersInstances(parent, stem) {
    return (this.stems.get(parent)?.get(stem) ?? 0) >= 2 || this.loneInstances.has(`${parent}\0${stem}`);
  }
  instanceOf(path6) {
    const hit = this.cache.get(path6);
    if (hit !== void 0) return hit;
    let indexed = null;
    let numbered = null;
    let start = 0;
    while (path6 !== "" && start <= path6.length) {
      const end = path6.indexOf(".", start);
      const prefix = end < 0 ? path6 : path6.slice(0, end);
      const container = this.containers.has(prefix);
      if (container || this.containerStems.size > 0) {
        const atom = path6.slice(start, end < 0 ? path6.length : end);
        if (container && isIndex(atom)) {
          if (numbered !== null && path6.slice(0, start - 1) !== numbered.path) break;
          indexed = { path: prefix, template: `${path6.slice(0, start)}*`, index: Number(atom) };
          for (let at = end; at >= 0; ) {
            const next = path6.indexOf(".", at + 1);
            const inner = next < 0 ? path6.slice(at + 1) : path6.slice(at + 1, next);
            const innerPath = next < 0 ? path6 : path6.slice(0, next);
            if (!isIndex(inner) || !this.containers.has(innerPath)) break;
            indexed = { path: innerPath, template: `${path6.slice(0, at + 1)}*`, index: Number(inner) };
            at = next;
          }
          break;
        }
        const n = numberedName(atom);
        const parent = start === 0 ? "" : path6.slice(0, start - 1);
        const namesContainers = n !== null && (container || this.containerStems.has(`${parent}\0${n.stem}`) || parent !== "" && this.containerCousins.has(`${parentPath(parent)}\0${stemShape(n.stem)}`));
        if (n !== null && namesContainers && this.numbersInstances(parent, n.stem)) {
          numbered = { path: prefix, template: `${path6.slice(0, start)}${n.stem}*`, index: n.number };
        }
      }
      if (end < 0) break;
      start = end + 1;
    }
    const result = indexed ?? numbered ?? layerInstanceOf(path6);
    if (this.cache.size > 1e5) this.cache.clear();
    this.cache.set(path6, result);
    return result;
  }
  chains = /* @__PURE__ */ new Map();
  /**
   * The instances a path lies in, outermost first: `instanceOf`'s, then each indexed child of a
   * container inside it (MaxViT's `blocks.0.layers.1`, the second layer of stage `blocks.0`).
   * Layers repeated inside a repeated stage are layers of a stack too, which the outermost
   * instance alone does not show. Memoised per path.
   */
  instanceChain(path6) {
    const hit = this.chains.get(path6);
    if (hit !== void 0) return hit;
    const outer = this.instanceOf(path6);
    const chain = outer ? [outer] : [];
    if (outer) {
      for (let start = outer.path.length + 1; start <= path6.length; ) {
        const end = path6.indexOf(".", start);
        const atom = end < 0 ? path6.slice(start) : path6.slice(start, end);
        const prefix = end < 0 ? path6 : path6.slice(0, end);
        if (isIndex(atom) && this.containers.has(path6.slice(0, start - 1))) chain.push({ path: prefix, template: `${path6.slice(0, start)}*`, index: Number(atom) });
        if (end < 0) break;
        start = end + 1;
      }
    }
    if (this.chains.size > 1e5) this.chains.clear();
    this.chains.set(path6, chain);
    return chain;
  }
  /** `instanceOf`'s template with the rest of the path: `features.denseblock1.denselayer*.conv1`. */
  templateOf(path6) {
    const inst = this.instanceOf(path6);
    return inst ? inst.template + path6.slice(inst.path.length) : null;
  }
};
function layerTemplate(path6) {
  const inst = layerInstanceOf(path6);
  return inst ? inst.template + path6.slice(inst.path.length) : null;
}
function childPath(parent, name) {
  return parent === "" ? String(name) : `${parent}.${name}`;
}
function parentPath(path6) {
  const cut = path6.lastIndexOf(".");
  return cut < 0 ? "" : path6.slice(0, cut);
}
function isAncestorOrSelf(a, b) {
  return a === "" || a === b || b.startsWith(a + ".");
}
function conflicts(a, b) {
  return !isAncestorOrSelf(a, b) && !isAncestorOrSelf(b, a);
}
function lowestCommonAncestor(paths) {
  if (paths.length === 0) return "";
  let common = atoms(paths[0]);
  for (const p of paths.slice(1)) {
    const a = atoms(p);
    let i = 0;
    while (i < common.length && i < a.length && common[i] === a[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(".");
}
function conflictScope(a, b) {
  const x = atoms(a);
  const y = atoms(b);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i < x.length && i < y.length && isIndex(x[i]) && isIndex(y[i]) ? "cross-layer" : "cross-module";
}
function groupScope(contexts) {
  for (let i = 0; i < contexts.length; i++) {
    for (let j = i + 1; j < contexts.length; j++) {
      if (conflicts(contexts[i], contexts[j]) && conflictScope(contexts[i], contexts[j]) === "cross-layer") return "cross-layer";
    }
  }
  return "cross-module";
}
function deepest(contexts) {
  const unique = new Set(contexts);
  const ancestors = /* @__PURE__ */ new Set();
  for (const c of unique) {
    if (c === "") continue;
    ancestors.add("");
    for (let cut = c.lastIndexOf("."); cut > 0; cut = c.lastIndexOf(".", cut - 1)) {
      const a = c.slice(0, cut);
      if (ancestors.has(a)) break;
      ancestors.add(a);
    }
  }
  return [...unique].filter((c) => !ancestors.has(c)).sort();
}
function classSegments(classPath) {
  return classPath.split("/").filter((s) => s !== "");
}
function classPathIsAncestorOrSelf(a, b) {
  const x = classSegments(a);
  const y = classSegments(b);
  return x.length <= y.length && x.every((s, i) => s === y[i]);
}
function classPathsConflict(a, b) {
  return !classPathIsAncestorOrSelf(a, b) && !classPathIsAncestorOrSelf(b, a);
}
function classPathIndices(classPath) {
  const out = [];
  for (const s of classSegments(classPath)) {
    const m = /\.(\d+)$/.exec(s);
    if (m) out.push(Number(m[1]));
  }
  return out;
}
function instanceIndices(path6) {
  return atoms(path6).filter(isIndex).map(Number);
}

// src/hierarchy/module-tree.ts
var CONTAINERS = /* @__PURE__ */ new Set(["ModuleList", "ModuleDict", "ParameterList", "ParameterDict"]);
var ModuleTree = class {
  classes = /* @__PURE__ */ new Map();
  recordedClassPaths = /* @__PURE__ */ new Map();
  /** Modules also called from elsewhere than their parent: module path -> caller paths. */
  callSites = /* @__PURE__ */ new Map();
  built;
  byClassPath;
  classPathCache = /* @__PURE__ */ new Map();
  classlessCache = /* @__PURE__ */ new Map();
  constructor() {
    this.classes.set("", {});
  }
  /** Record a module (and, implicitly, that its path exists). Later facts fill gaps, never overwrite. */
  add(path6, className, qualname) {
    this.built = void 0;
    const known = this.classes.get(path6) ?? {};
    if (className && !known.className) known.className = className;
    if (qualname && !known.qualname) known.qualname = qualname;
    this.classes.set(path6, known);
  }
  /** A class path a tagger recorded for a module (sidecar `traced_tag` ↔ `scope`). */
  addClassPath(path6, classPath) {
    this.built = void 0;
    this.add(path6);
    if (!this.recordedClassPaths.has(path6)) this.recordedClassPaths.set(path6, classPath);
  }
  /**
   * `module` also runs inside `caller` (a module reachable under two names, called from the
   * other's parent). A tagger that records the execution chain names it by the caller's class
   * path plus its own class: that class path names `module` too. Its own class path is unchanged.
   */
  addCallSite(module, caller) {
    this.built = void 0;
    this.add(module);
    this.add(caller);
    (this.callSites.get(module) ?? this.callSites.set(module, /* @__PURE__ */ new Set()).get(module)).add(caller);
  }
  has(path6) {
    return this.classes.has(path6);
  }
  declaredPaths = /* @__PURE__ */ new Set();
  /** A module the model's own module list declares (torch's `named_modules()`). */
  declare(path6) {
    this.add(path6);
    this.declaredPaths.add(path6);
  }
  /** The modules the model's own module list declares (empty without one). */
  get declared() {
    return this.declaredPaths;
  }
  /**
   * Whether `path` may be reported: without a module list any path may; with one, only the
   * modules it declares (no analogy or parameter name invents one outside it).
   */
  allows(path6) {
    return this.declaredPaths.size === 0 || this.declaredPaths.has(path6);
  }
  /** Every module by path, in `comparePaths` order (parents before their children). */
  get modules() {
    if (!this.built) this.build();
    return this.built;
  }
  namingOf;
  /** Which modules are instances of repeated layers (paths.ts `LayerNaming`), for the tree as it is now. */
  get naming() {
    const built = this.modules;
    if (this.namingOf?.built !== built) this.namingOf = { built, naming: new LayerNaming(built.keys()) };
    return this.namingOf.naming;
  }
  get(path6) {
    return this.modules.get(path6);
  }
  classPathOf(path6) {
    return this.modules.get(path6)?.classPath;
  }
  /** The instance path a class path (hierarchy tag) names, if the tree knows exactly one. */
  pathOfClassPath(classPath) {
    const all = this.pathsOfClassPath(classPath);
    return all.length === 1 ? all[0] : void 0;
  }
  /**
   * Every instance path a class path can name. Siblings of one class share a class path
   * (`query`, `key` and `value` are all `.../BertSelfAttention/Linear`): such a tag is ambiguous.
   */
  pathsOfClassPath(classPath) {
    if (!this.built) this.build();
    const raw2 = this.classPathCache.get(classPath);
    if (raw2) return raw2;
    const cp = normaliseClassPath(classPath);
    const hit = this.classPathCache.get(cp);
    if (hit) {
      this.classPathCache.set(classPath, hit);
      return hit;
    }
    const segments2 = cp.split("/").slice(1);
    let prefix = "";
    let paths = [];
    for (let k = 0; k < segments2.length; k++) {
      prefix += "/" + segments2[k];
      const cached = this.classPathCache.get(prefix);
      if (cached) {
        paths = cached;
        continue;
      }
      const exact = this.byClassPath.get(prefix) ?? [];
      const out = [...exact];
      if (k > 0) {
        const seen = new Set(out);
        const index2 = /\.(\d+)$/.exec(segments2[k])?.[1];
        for (const parent of paths) {
          const classless = this.classlessChildren(parent);
          for (const child of (index2 !== void 0 ? classless.byIndex.get(index2) : classless.named) ?? []) {
            if (seen.has(child)) continue;
            out.push(child);
            seen.add(child);
          }
        }
      } else if (out.length === 0 && !this.hasClassesBuilt()) {
        out.push("");
      }
      this.classPathCache.set(prefix, out);
      paths = out;
    }
    this.classPathCache.set(classPath, paths);
    return paths;
  }
  /**
   * The children of `parent` no source gave a class, in child order: by their index when their
   * last atom is one (`layer.3` under a ModuleList the sidecar left out), the others apart.
   * Grouped once per parent: an encoder may have thousands of layer children, and every class
   * path through it would otherwise scan all of them.
   */
  classlessChildren(parent) {
    const hit = this.classlessCache.get(parent);
    if (hit) return hit;
    const groups = { byIndex: /* @__PURE__ */ new Map(), named: [] };
    for (const child of this.built.get(parent)?.children ?? []) {
      if (this.built.get(child).className !== void 0) continue;
      const last = lastAtom(child);
      if (isIndex(last)) (groups.byIndex.get(last) ?? groups.byIndex.set(last, []).get(last)).push(child);
      else groups.named.push(child);
    }
    this.classlessCache.set(parent, groups);
    return groups;
  }
  hasClassesBuilt() {
    return this.byClassPath.size > 0;
  }
  /** Whether any class is known: without classes, tags can only be compared by their indices. */
  get hasClasses() {
    if (!this.built) this.build();
    return this.byClassPath.size > 0;
  }
  build() {
    this.classPathCache.clear();
    this.classlessCache.clear();
    const paths = sortPaths([...this.classes.keys()]);
    const modules = /* @__PURE__ */ new Map();
    for (const path6 of paths) {
      const info = this.classes.get(path6);
      const parent = path6 === "" ? null : nearestAncestor(path6, this.classes);
      const m = { path: path6, name: parent === null ? "" : parent === "" ? path6 : path6.slice(parent.length + 1), parent, children: [] };
      if (info.className) m.className = info.className;
      if (info.qualname) m.qualname = info.qualname;
      modules.set(path6, m);
      if (parent !== null) modules.get(parent).children.push(path6);
    }
    const byClassPath = /* @__PURE__ */ new Map();
    for (const path6 of paths) {
      const m = modules.get(path6);
      const recorded = this.recordedClassPaths.get(path6);
      const derived = deriveClassPath(m, modules);
      const cp = recorded ?? derived;
      if (cp) {
        m.classPath = cp;
        (byClassPath.get(cp) ?? byClassPath.set(cp, []).get(cp)).push(path6);
      }
    }
    for (const [module, callers] of this.callSites) {
      const m = modules.get(module);
      if (!m.className) continue;
      const last = atoms(module).at(-1);
      for (const caller of [...callers].sort()) {
        const prefix = modules.get(caller)?.classPath;
        if (prefix === void 0) continue;
        const cp = `${prefix}/${m.className}${isIndex(last) ? "." + last : ""}`;
        const list = byClassPath.get(cp) ?? byClassPath.set(cp, []).get(cp);
        if (!list.includes(module)) list.push(module);
      }
    }
    this.built = modules;
    this.byClassPath = byClassPath;
  }
};
function lastAtom(path6) {
  const cut = path6.lastIndexOf(".");
  return cut < 0 ? path6 : path6.slice(cut + 1);
}
function nearestAncestor(path6, known) {
  for (let cut = path6.lastIndexOf("."); cut >= 0; cut = cut === 0 ? -1 : path6.lastIndexOf(".", cut - 1)) {
    const p = path6.slice(0, cut);
    if (known.has(p)) return p;
  }
  return "";
}
function deriveClassPath(m, modules) {
  if (!m.className) return void 0;
  if (m.parent === null) return `/${m.className}`;
  if (CONTAINERS.has(m.className)) return void 0;
  let parent = modules.get(m.parent);
  while (parent && parent.className && CONTAINERS.has(parent.className) && parent.parent !== null) parent = modules.get(parent.parent);
  if (!parent) return void 0;
  const prefix = parent.parent === null ? parent.className ? `/${parent.className}` : void 0 : parent.classPath ?? deriveClassPath(parent, modules);
  if (prefix === void 0) return void 0;
  const last = lastAtom(m.path);
  return `${prefix}/${m.className}${isIndex(last) ? "." + last : ""}`;
}
function normaliseClassPath(classPath) {
  const trimmed = classPath.trim().replace(/\/+$/, "");
  return trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}
function sortPaths(paths) {
  return sortByPath(paths, (path6) => path6);
}
function sortByPath(items, pathOf) {
  const keyed = items.map((item) => ({ item, atoms: atoms(pathOf(item)) }));
  keyed.sort((a, b) => compareAtoms(a.atoms, b.atoms));
  return keyed.map((k) => k.item);
}
function compareAtoms(x, y) {
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const nx = isIndex(x[i]);
    const ny = isIndex(y[i]);
    if (nx && ny) return Number(x[i]) - Number(y[i]);
    if (nx !== ny) return nx ? -1 : 1;
    return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

// src/hierarchy/python-repr.ts
function parsePythonStringList(text) {
  let i = 0;
  const s = text.trim();
  const out = [];
  const skipWs = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  if (s[i] !== "[") return null;
  i++;
  skipWs();
  if (s[i] === "]") return i === s.length - 1 ? out : null;
  for (; ; ) {
    skipWs();
    const q = s[i];
    if (q !== "'" && q !== '"') return null;
    i++;
    let str = "";
    for (; ; ) {
      if (i >= s.length) return null;
      const c = s[i];
      if (c === q) break;
      if (c === "\\") {
        const e = s[i + 1];
        if (e === void 0) return null;
        const simple = { n: "\n", t: "	", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };
        if (e in simple) {
          str += simple[e];
          i += 2;
        } else if (e === "x" || e === "u" || e === "U") {
          const len = e === "x" ? 2 : e === "u" ? 4 : 8;
          const hex = s.slice(i + 2, i + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return null;
          str += String.fromCodePoint(parseInt(hex, 16));
          i += 2 + len;
        } else {
          str += "\\" + e;
          i += 2;
        }
        continue;
      }
      str += c;
      i++;
    }
    i++;
    out.push(str);
    skipWs();
    if (s[i] === ",") {
      i++;
      skipWs();
      if (s[i] === "]") break;
      continue;
    }
    if (s[i] === "]") break;
    return null;
  }
  return i === s.length - 1 ? out : null;
}

// src/hierarchy/op-names.ts
var ONNX_OPS = "Abs Acos Acosh Add AffineGrid And ArgMax ArgMin Asin Asinh Atan Atanh Attention AveragePool BatchNormalization Bernoulli BitShift BitwiseAnd BitwiseNot BitwiseOr BitwiseXor BlackmanWindow Cast CastLike Ceil Celu CenterCropPad Clip Col2Im Compress Concat ConcatFromSequence Constant ConstantOfShape Conv ConvInteger ConvTranspose Cos Cosh CumSum DFT DeformConv DepthToSpace DequantizeLinear Det Div Dropout DynamicQuantizeLinear Einsum Elu Equal Erf Exp Expand EyeLike Flatten Floor GRU Gather GatherElements GatherND Gelu Gemm GlobalAveragePool GlobalLpPool GlobalMaxPool Greater GreaterOrEqual GridSample GroupNormalization HammingWindow HannWindow HardSigmoid HardSwish Hardmax Identity If ImageDecoder InstanceNormalization IsInf IsNaN LRN LSTM LayerNormalization LeakyRelu Less LessOrEqual Log LogSoftmax Loop LpNormalization LpPool MatMul MatMulInteger Max MaxPool MaxRoiPool MaxUnpool Mean MeanVarianceNormalization MelWeightMatrix Min Mish Mod Mul Multinomial Neg NegativeLogLikelihoodLoss NonMaxSuppression NonZero Not OneHot Optional OptionalGetElement OptionalHasElement Or PRelu Pad Pow QLinearConv QLinearMatMul QuantizeLinear RMSNormalization RNN RandomNormal RandomNormalLike RandomUniform RandomUniformLike Range Reciprocal ReduceL1 ReduceL2 ReduceLogSum ReduceLogSumExp ReduceMax ReduceMean ReduceMin ReduceProd ReduceSum ReduceSumSquare RegexFullMatch Relu Reshape Resize ReverseSequence RoiAlign RotaryEmbedding Round STFT Scan Scatter ScatterElements ScatterND Selu SequenceAt SequenceConstruct SequenceEmpty SequenceErase SequenceInsert SequenceLength SequenceMap Shape Shrink Sigmoid Sign Sin Sinh Size Slice Softmax SoftmaxCrossEntropyLoss Softplus Softsign SpaceToDepth Split SplitToSequence Sqrt Squeeze StringConcat StringNormalizer StringSplit Sub Sum Swish Tan Tanh TensorScatter TfIdfVectorizer ThresholdedRelu Tile TopK Transpose Trilu Unique Unsqueeze Upsample Where Xor";
var MICROSOFT_OPS = "Attention BiasAdd BiasDropout BiasGelu BiasSoftmax BiasSplitGelu ConvTransposeWithDynamicPads DecoderAttention DequantizeBFP DynamicQuantizeLSTM DynamicQuantizeMatMul EmbedLayerNormalization FastGelu FusedConv FusedGemm FusedMatMul FusedMatMulActivation GatedRelativePositionBias GemmFastGelu GemmFloat8 GreedySearch GroupNorm GroupQueryAttention LongformerAttention MatMulBnb4 MatMulFpQ4 MatMulInteger16 MatMulIntegerToFloat MatMulNBits MultiHeadAttention NhwcConv NhwcMaxPool PackedAttention PackedMultiHeadAttention QAttention QEmbedLayerNormalization QGemm QLinearAdd QLinearAveragePool QLinearConcat QLinearGlobalAveragePool QLinearLeakyRelu QLinearMul QLinearReduceMean QLinearSigmoid QLinearSoftmax QLinearWhere QOrderedAttention QOrderedGelu QOrderedLayerNormalization QOrderedMatMul QuickGelu RelativePositionBias RemovePadding RestorePadding SkipGroupNorm SkipLayerNormalization SkipSimplifiedLayerNormalization SimplifiedLayerNormalization SparseAttention TransposeMatMul Trilu WordConvEmbedding";
var OP_TYPES = /* @__PURE__ */ new Set([...ONNX_OPS.split(" "), ...MICROSOFT_OPS.split(" ")]);
function segmentHead(segment) {
  const cut = segment.indexOf("_");
  return cut < 0 ? segment : segment.slice(0, cut);
}
function isOpNameSegment(segment, ownOpType) {
  const head = segmentHead(segment);
  return OP_TYPES.has(head) || ownOpType !== void 0 && head === ownOpType;
}
function isRewriterSegment(segment) {
  return /^[A-Za-z0-9]*Fusion(_\d+|_token_\d+)?$/.test(segment) || /^token_\d+$/.test(segment);
}
function mayBeRewriterSegment(name, from) {
  return name.indexOf("Fusion", from) >= 0 || name.startsWith("token_", from);
}
function isConverterCastName(name) {
  const last = name.slice(name.lastIndexOf("/") + 1);
  return /(^|_)(graph_)?(input|output)_cast_?\d*$/.test(last) || last.startsWith("InsertedPrecisionFreeCast");
}

// src/hierarchy/scope.ts
function parseScopeName(nodeName) {
  if (!nodeName.startsWith("/")) return null;
  const parts = nodeName.slice(1).split("/");
  if (parts.length === 0 || parts.some((p) => p === "")) return null;
  const prefixes = scopePrefixes(parts.slice(0, -1));
  return { path: prefixes.at(-1) ?? "", prefixes };
}
var REWRITER_PREFIX = /^(?:fused |[A-Za-z0-9_.]*__)(?=\/)/;
function readScopeName(nodeName, opType) {
  const parts = scopeSegments(nodeName, opType);
  return parts === null ? null : scopeOf(parts);
}
function readScopeNameAnyOp(nodeName) {
  const parts = scopeSegments(nodeName, void 0);
  if (parts === null) return { scope: null, exceptOpType: void 0 };
  return { scope: scopeOf(parts), exceptOpType: parts.length > 0 ? segmentHead(parts[parts.length - 1]) : void 0 };
}
function scopeSegments(nodeName, opType) {
  let name = nodeName;
  if (!name.startsWith("/")) {
    const m = REWRITER_PREFIX.exec(name);
    if (!m) return null;
    name = name.slice(m[0].length);
  }
  const parts = name.slice(1).split("/");
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length === 0 || parts.some((p) => p === "")) return null;
  while (parts.length > 1 && isRewriterSegment(parts[parts.length - 1])) parts.pop();
  parts.pop();
  while (parts.length > 0 && isOpNameSegment(parts[parts.length - 1], opType)) parts.pop();
  return parts;
}
function scopeOf(parts) {
  const prefixes = scopePrefixes(parts);
  return { path: prefixes.at(-1) ?? "", prefixes };
}
function readTensorScope(tensorName) {
  const m = /^(\/.*)_output_\d+$/.exec(tensorName);
  return m ? readScopeName(m[1]) : null;
}
function scopePrefixes(segments2) {
  const out = [];
  let path6 = "";
  let previous;
  for (const seg of segments2) {
    if (previous !== void 0 && seg.startsWith(previous + ".") && /^(\.\d+)+$/.test(seg.slice(previous.length))) {
      path6 += seg.slice(previous.length);
    } else {
      path6 = path6 === "" ? seg : `${path6}.${seg}`;
    }
    out.push(path6);
    previous = seg;
  }
  return out;
}
var CALL_SUFFIX = /^(.+)_(\d+)$/;
var ScopeNormaliser = class {
  /** `also`: module paths known from elsewhere (the modules parameters are named after). */
  constructor(also = /* @__PURE__ */ new Set()) {
    this.also = also;
  }
  seen = /* @__PURE__ */ new Set();
  /** The same paths with their first index starred: a sibling layer's module counts too. */
  seenInSiblings = /* @__PURE__ */ new Set();
  cache = /* @__PURE__ */ new Map();
  /** `base\0suffixed` for every module seen next to a sibling named like its later call; built on first use. */
  calledTwice = null;
  addAll(prefixes) {
    for (const p of prefixes) {
      if (this.seen.has(p)) continue;
      this.seen.add(p);
      this.calledTwice = null;
      const t = layerTemplate(p);
      if (t !== null) this.seenInSiblings.add(t);
    }
  }
  /**
   * Whether the unsuffixed module exists: seen in a scope, seen in a sibling instance of its
   * layer (its own first call may have lost its name), or named by parameters. Or, short of
   * that, whether some other module runs both names side by side (`layer1.0.relu` and
   * `layer1.0.relu_1`): then the suffix is that design's second call, though every first call of
   * one stage lost its name. Real modules named like a later call (Inception's `branch3x3_1`,
   * `branch3x3_2`) never stand next to the unsuffixed name, so they stay as they are.
   */
  exists(path6, base2, atom) {
    if (this.seen.has(path6) || this.also.has(path6) || this.seenInSiblings.has(layerTemplate(path6) ?? path6)) return true;
    if (this.calledTwice === null) {
      this.calledTwice = /* @__PURE__ */ new Set();
      for (const p of this.seen) {
        const dot = p.lastIndexOf(".");
        const m = CALL_SUFFIX.exec(p.slice(dot + 1));
        if (m && this.seen.has(`${p.slice(0, dot + 1)}${m[1]}`)) this.calledTwice.add(`${m[1]}\0${m[0]}`);
      }
    }
    return this.calledTwice.has(`${base2}\0${atom}`);
  }
  /** One pass over the atoms, the raw prefix built incrementally: linear in the path's length. */
  normalise(path6) {
    const hit = this.cache.get(path6);
    if (hit !== void 0) return hit;
    let raw2 = "";
    let result = "";
    for (const atom of atoms(path6)) {
      const m = CALL_SUFFIX.exec(atom);
      const base2 = m ? m[1] : void 0;
      const folded = base2 !== void 0 && this.exists(raw2 === "" ? base2 : `${raw2}.${base2}`, base2, atom) ? base2 : atom;
      result = result === "" ? folded : `${result}.${folded}`;
      raw2 = raw2 === "" ? atom : `${raw2}.${atom}`;
    }
    this.cache.set(path6, result);
    return result;
  }
};

// src/hierarchy/evidence.ts
var META = {
  module: "modelexport.module",
  tag: "modelexport.tag",
  modules: "modelexport.modules",
  primary: "modelexport.context.primary",
  auxiliary: "modelexport.context.auxiliary",
  strategy: "modelexport.context.strategy",
  confidence: "modelexport.context.confidence",
  dynamoScopes: "pkg.torch.onnx.name_scopes",
  dynamoClasses: "pkg.torch.onnx.class_hierarchy",
  dynamoStack: "pkg.torch.onnx.stack_trace"
};
function tagPaths(t) {
  return t.path !== void 0 ? [t.path] : t.candidates ?? [];
}
function lastName(qualified) {
  const parts = qualified.split(".");
  return parts[parts.length - 1] ?? qualified;
}
function readModuleList(model, tree) {
  const raw2 = metadataValue(model.metadataProps, META.modules);
  if (!raw2) return tree.declared;
  try {
    const list = JSON.parse(raw2);
    if (!Array.isArray(list)) return tree.declared;
    for (const m of list) {
      if (isObject(m) && typeof m.path === "string") {
        tree.add(m.path, typeof m.class === "string" ? m.class : void 0, typeof m.qualname === "string" ? m.qualname : void 0);
        tree.declare(m.path);
      }
    }
  } catch {
  }
  return tree.declared;
}
function aliasedScopePath(path6, declared) {
  if (declared.size === 0 || declared.has(path6)) return null;
  const parts = path6.split(".");
  for (let k = 1; k < parts.length; k++) {
    const caller = parts.slice(0, k).join(".");
    const module = parts.slice(k).join(".");
    if (declared.has(module) && declared.has(caller)) return { module, caller };
  }
  return null;
}
function parameterAlias(path6, inputs, initializers, modules) {
  if (modules.has(path6)) return null;
  const cut = path6.lastIndexOf(".");
  if (cut <= 0) return null;
  const caller = path6.slice(0, cut);
  const name = path6.slice(cut + 1);
  if (!modules.has(caller)) return null;
  for (const t of inputs) {
    if (t === "" || !mayBeStateDictName(t) || !initializers.has(t)) continue;
    const end = t.lastIndexOf(".");
    if (end <= 0) continue;
    const module = t.slice(0, end);
    if (module === name || module.endsWith("." + name)) {
      if (modules.has(module) && !isAncestorOrSelf(module, path6)) return { module, caller };
    }
  }
  return null;
}
function readHtpModules(m, tree, depth) {
  if (depth > 200) return;
  if (typeof m.scope === "string") {
    tree.add(m.scope, m.class_name);
    if (m.traced_tag) tree.addClassPath(m.scope, normaliseClassPath(m.traced_tag));
  }
  for (const c of Object.values(m.children ?? {})) readHtpModules(c, tree, depth + 1);
}
function parseStack(trace) {
  let found;
  for (const m of trace.matchAll(/File "([^"]+)", line (\d+)/g)) found = { file: m[1], line: Number(m[2]) };
  return found;
}
function docStringTags(node) {
  const d = node.docString.trim();
  if (!d.startsWith("{")) return [];
  try {
    const j = JSON.parse(d);
    if (!isObject(j)) return [];
    const tags = j.hierarchy_tags;
    if (Array.isArray(tags)) return tags.filter((t) => typeof t === "string" && t !== "");
    if (typeof j.hierarchy_path === "string" && j.hierarchy_path !== "") return [j.hierarchy_path];
  } catch {
  }
  return [];
}
function functionCallPath(index2, node, scopePath) {
  const owners = node.inputs.filter((name) => index2.initializers.has(name) && !name.includes("::") && atoms(name).length >= 2).map((name) => atoms(name).slice(0, -1).join("."));
  if (owners.length === 0) return scopePath;
  return lowestCommonAncestor([lowestCommonAncestor(owners), scopePath]);
}
function parameterModules(index2) {
  const out = /* @__PURE__ */ new Set();
  for (const name of index2.initializers.keys()) {
    if (!mayBeStateDictName(name)) continue;
    let p = name;
    for (let cut = p.lastIndexOf("."); cut > 0; cut = p.lastIndexOf(".")) {
      p = p.slice(0, cut);
      if (out.has(p)) break;
      out.add(p);
    }
  }
  return out;
}
function clampToDeclared(path6, declared) {
  if (declared.size === 0 || declared.has(path6)) return path6;
  let p = path6;
  while (p !== "") {
    const cut = p.lastIndexOf(".");
    p = cut < 0 ? "" : p.slice(0, cut);
    if (declared.has(p)) return p;
  }
  return "";
}
function isOwnOutput(out, name) {
  const from = name.length + 8;
  if (out.length <= from || !out.startsWith(name) || !out.startsWith("_output_", name.length)) return false;
  for (let i = from; i < out.length; i++) {
    const c = out.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
var NO_TAGS = Object.freeze([]);
function samePrefixes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
var isOwnEnumerable = Object.prototype.propertyIsEnumerable;
function ownValue(o, key) {
  return o !== void 0 && isOwnEnumerable.call(o, key) ? o[key] : void 0;
}
function ownString(o, key) {
  if (o === void 0) return void 0;
  const v = o[key];
  return typeof v === "string" ? v : void 0;
}
function nodeEvidence(tags, exporter, stack, absorbed) {
  if (exporter === void 0) return { tags };
  if (stack !== void 0) return { tags, exporter, stack };
  if (absorbed !== void 0) return { tags, exporter, absorbed };
  return { tags, exporter };
}
function collectEvidence(index2, sidecars = {}) {
  const tree = new ModuleTree();
  const declared = readModuleList(index2.model, tree);
  if (sidecars.htp?.modules) readHtpModules(sidecars.htp.modules, tree, 0);
  const paramModules = parameterModules(index2);
  const scopeNames = new ScopeNormaliser(paramModules);
  const scopesByPath = /* @__PURE__ */ new Map();
  const canonical = (p) => {
    if (p === null) return null;
    const same = scopesByPath.get(p.path);
    if (same === void 0) {
      scopesByPath.set(p.path, [p]);
      return p;
    }
    for (const q of same) if (samePrefixes(q.prefixes, p.prefixes)) return q;
    same.push(p);
    return p;
  };
  const scopeTable = new StringTable();
  const cachedScopes = [];
  let previousScope;
  const scopeOfNode = (name, opType) => {
    const last = name.lastIndexOf("/");
    if (!name.startsWith("/") || last === name.length - 1 || mayBeRewriterSegment(name, last + 1)) {
      return canonical(readScopeName(name, opType));
    }
    let cached = previousScope;
    if (cached === void 0 || cached.prefix.length !== last || !name.startsWith(cached.prefix)) {
      const k = scopeTable.getPrefix(name, last);
      cached = k >= 0 ? cachedScopes[k] : void 0;
      if (cached === void 0) {
        const read = readScopeNameAnyOp(name);
        cached = { prefix: name.slice(0, last), scope: canonical(read.scope), exceptOpType: read.exceptOpType };
        scopeTable.set(cached.prefix, cachedScopes.length);
        cachedScopes.push(cached);
      }
      previousScope = cached;
    }
    return opType === cached.exceptOpType ? canonical(readScopeName(name, opType)) : cached.scope;
  };
  const namesAdded = /* @__PURE__ */ new Set();
  const addScopeNames = (p) => {
    if (namesAdded.has(p)) return;
    namesAdded.add(p);
    scopeNames.addAll(p.prefixes);
  };
  const parsedScopes = new Array(index2.nodes.length).fill(null);
  const tensorScopes = new Array(index2.nodes.length).fill(null);
  for (let k = 0; k < index2.nodes.length; k++) {
    const entry2 = index2.nodes[k];
    if (entry2.functionKey !== void 0) continue;
    const parsed = scopeOfNode(entry2.node.name, entry2.node.opType);
    let fromTensors = null;
    for (const out of entry2.node.outputs) {
      if (parsed && isOwnOutput(out, entry2.node.name)) continue;
      const t = canonical(readTensorScope(out));
      if (t) (fromTensors ??= []).push(t);
    }
    if (fromTensors !== null) {
      for (const t of fromTensors) addScopeNames(t);
      tensorScopes[entry2.index] = fromTensors;
    }
    if (parsed) {
      addScopeNames(parsed);
      parsedScopes[entry2.index] = parsed;
    }
  }
  const aliasNames = declared.size > 0 ? declared : paramModules;
  const normalisedPaths = /* @__PURE__ */ new Map();
  const normalisedPath = (parsed) => {
    let p = normalisedPaths.get(parsed);
    if (p === void 0) normalisedPaths.set(parsed, p = scopeNames.normalise(parsed.path));
    return p;
  };
  const parameterAliases = /* @__PURE__ */ new Map();
  if (aliasNames.size > 0) {
    let lastParsed;
    let lastUnknown = null;
    const unknown = (parsed) => {
      if (parsed !== lastParsed) {
        const p = normalisedPath(parsed);
        lastParsed = parsed;
        lastUnknown = aliasNames.has(p) ? null : p;
      }
      return lastUnknown;
    };
    const consider = (parsed, inputs) => {
      const path6 = unknown(parsed);
      if (path6 === null || parameterAliases.has(parsed)) return;
      const alias = parameterAlias(path6, inputs, index2.initializers, aliasNames);
      if (alias !== null) parameterAliases.set(parsed, alias);
    };
    for (let k = 0; k < index2.nodes.length; k++) {
      const entry2 = index2.nodes[k];
      const parsed = parsedScopes[entry2.index];
      if (parsed) consider(parsed, entry2.node.inputs);
      const fromTensors = tensorScopes[entry2.index];
      if (fromTensors) for (const t of fromTensors) consider(t, entry2.node.inputs);
    }
  }
  const htpNodes = sidecars.htp?.nodes;
  const legacy = sidecars.legacy?.node_tags;
  const addedScope = /* @__PURE__ */ new Set();
  const scopePaths = /* @__PURE__ */ new Map();
  const addScopePath = (parsed) => {
    let known = scopePaths.get(parsed);
    if (known === void 0) scopePaths.set(parsed, known = addScopePathOnce(parsed));
    return known;
  };
  const addScopePathOnce = (parsed) => {
    let path6 = normalisedPath(parsed);
    const alias = aliasedScopePath(path6, aliasNames) ?? parameterAliases.get(parsed) ?? null;
    if (alias !== null) {
      tree.addCallSite(alias.module, alias.caller);
      return alias.module;
    }
    path6 = clampToDeclared(path6, declared);
    if (!addedScope.has(path6)) {
      addedScope.add(path6);
      for (const p of parsed.prefixes) {
        const q = clampToDeclared(scopeNames.normalise(p), declared);
        if (isAncestorOrSelf(q, path6)) tree.add(q);
      }
    }
    return path6;
  };
  const scopeRecords = /* @__PURE__ */ new Map();
  const normalisedTags = /* @__PURE__ */ new Map();
  let lastRaw;
  let lastTag = "";
  const normalisedTag = (raw2) => {
    if (raw2 === lastRaw) return lastTag;
    lastRaw = raw2;
    return lastTag = normalisedTagOnce(raw2);
  };
  const normalisedTagOnce = (raw2) => {
    let cp = normalisedTags.get(raw2);
    if (cp === void 0) {
      cp = normaliseClassPath(raw2);
      const known = normalisedTags.get(cp);
      if (known !== void 0) cp = known;
      normalisedTags.set(raw2, cp);
    }
    return cp;
  };
  const scopeOnly = /* @__PURE__ */ new Map();
  const evidence = index2.nodes.map((entry2) => {
    const node = entry2.node;
    let exporter;
    let stack;
    let absorbed;
    let tags;
    const dynScopes = metadataValue(node.metadataProps, META.dynamoScopes);
    const scopes = dynScopes ? parsePythonStringList(dynScopes) : null;
    if (scopes && scopes.length >= 2) {
      const modulePaths = scopes.slice(0, -1);
      const classList = parsePythonStringList(metadataValue(node.metadataProps, META.dynamoClasses) ?? "") ?? [];
      modulePaths.forEach((p, i) => {
        const cls = classList[i];
        tree.add(p, cls ? lastName(cls) : void 0, cls);
      });
      exporter = { source: "dynamo", path: modulePaths[modulePaths.length - 1] };
      const trace = metadataValue(node.metadataProps, META.dynamoStack);
      if (trace) stack = parseStack(trace);
    } else {
      const parsed = parsedScopes[entry2.index];
      if (parsed) {
        let path6 = addScopePath(parsed);
        if (index2.functions.size > 0 && index2.functions.has(functionKey(node.domain, node.opType))) path6 = functionCallPath(index2, node, path6);
        let record = scopeRecords.get(path6);
        if (record === void 0) scopeRecords.set(path6, record = { source: "scope", path: path6 });
        exporter = record;
        const fromTensors = tensorScopes[entry2.index];
        const others = fromTensors ? deepest(fromTensors.map(addScopePath)).filter((p) => conflicts(p, path6)) : [];
        if (others.length > 0) absorbed = others;
      } else {
        const fromTensors = tensorScopes[entry2.index];
        if (fromTensors) exporter = { source: "tensor-name", path: lowestCommonAncestor(fromTensors.map(addScopePath)) };
      }
    }
    const ownModule = metadataValue(node.metadataProps, META.module);
    const ownTag = metadataValue(node.metadataProps, META.tag);
    if (ownModule !== void 0 || ownTag !== void 0) {
      const t = { source: "metadata-tag" };
      if (ownModule !== void 0) {
        t.path = ownModule;
        tree.add(ownModule);
      }
      if (ownTag) t.classPath = normaliseClassPath(ownTag);
      (tags ??= []).push(t);
    }
    const attr = node.attributes.length > 0 ? node.attributes.find((a) => a.name === "hierarchy_tag" && typeof a.s === "string" && a.s !== "") : void 0;
    if (attr) (tags ??= []).push({ source: "hierarchy-attr", classPath: normaliseClassPath(attr.s) });
    if (node.docString !== "") for (const t of docStringTags(node)) (tags ??= []).push({ source: "doc-string", classPath: normaliseClassPath(t) });
    if (entry2.graph === "" && node.name !== "") {
      const h = ownString(htpNodes, node.name);
      if (h !== void 0 && h !== "") (tags ??= []).push({ source: "htp-sidecar", classPath: normalisedTag(h) });
      const l = ownValue(legacy, node.name);
      for (const t of l?.tags ?? []) if (typeof t === "string" && t !== "") (tags ??= []).push({ source: "legacy-sidecar", classPath: normalisedTag(t) });
    }
    if (tags === void 0 && stack === void 0 && absorbed === void 0 && exporter !== void 0 && exporter.source === "scope") {
      let shared = scopeOnly.get(exporter);
      if (shared === void 0) scopeOnly.set(exporter, shared = nodeEvidence(NO_TAGS, exporter, void 0, void 0));
      return shared;
    }
    return nodeEvidence(tags !== void 0 ? tags.slice() : NO_TAGS, exporter, stack, absorbed);
  });
  for (let e = 0; e < evidence.length; e++) {
    const tags = evidence[e].tags;
    for (let k = 0; k < tags.length; k++) {
      const t = tags[k];
      if (t.path === void 0 && t.classPath !== void 0) {
        const all = tree.pathsOfClassPath(t.classPath);
        if (all.length === 1) tags[k] = { source: t.source, classPath: t.classPath, path: all[0] };
        else if (all.length > 1) t.candidates = all;
      }
    }
  }
  return { evidence, tree };
}

// src/contamination/neighbourhood.ts
var MAX_HOPS = 4;
function walk(start, next, known) {
  const found = /* @__PURE__ */ new Set();
  let frontier = next(start);
  const seen = /* @__PURE__ */ new Set([start]);
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
    const following = [];
    for (const n of frontier) {
      if (seen.has(n)) continue;
      seen.add(n);
      if (known(n)) found.add(n);
      else for (const m of next(n)) following.push(m);
    }
    frontier = following;
  }
  return [...found].sort((a, b) => a - b);
}
function neighbourhood(index2, i, known) {
  return {
    producers: walk(i, (n) => index2.producers.of(n), known),
    consumers: walk(i, (n) => index2.consumers.of(n), known)
  };
}

// src/contamination/analogy.ts
var MAX_COUNTERPARTS = 6;
var MAX_TRIED = 48;
var InstanceShapes = class {
  constructor(index2, known, naming) {
    this.naming = naming;
    let last;
    let counts;
    for (let k = 0; k < index2.nodes.length; k++) {
      const e = index2.nodes[k];
      const c = known[e.index];
      if (c === null || c === void 0 || e.graph !== "") continue;
      if (c !== last) {
        last = c;
        counts = this.moduleOps.get(c);
        if (!counts) this.moduleOps.set(c, counts = /* @__PURE__ */ new Map());
      }
      counts.set(e.node.opType, (counts.get(e.node.opType) ?? 0) + 1);
    }
    for (const [c, m] of this.moduleOps) {
      for (const inst of naming.instanceChain(c)) {
        let sum = this.ops.get(inst.path);
        if (!sum) this.ops.set(inst.path, sum = /* @__PURE__ */ new Map());
        for (const [op, k] of m) sum.set(op, (sum.get(op) ?? 0) + k);
      }
    }
  }
  ops = /* @__PURE__ */ new Map();
  /**
   * Op-type counts of each module's own nodes with direct evidence, main graph only (modules in
   * the order their first node comes): made once here, read by SiblingAnalogy too.
   */
  moduleOps = /* @__PURE__ */ new Map();
  /** Whether both instances have nodes with direct evidence (else `similarity` says nothing). */
  knows(a, b) {
    return this.ops.has(a) && this.ops.has(b);
  }
  /** Weighted Jaccard similarity of two instances' op counts (1 = the same ops). */
  similarity(a, b) {
    const x = this.ops.get(a);
    const y = this.ops.get(b);
    if (!x || !y) return 0;
    let inter = 0;
    let union = 0;
    for (const op of /* @__PURE__ */ new Set([...x.keys(), ...y.keys()])) {
      const p = x.get(op) ?? 0;
      const q = y.get(op) ?? 0;
      inter += Math.min(p, q);
      union += Math.max(p, q);
    }
    return union === 0 ? 0 : inter / union;
  }
  /**
   * Whether contexts lie in two or more layers of one stack: different instances of one repeated
   * container that run much the same ops. `features.0.0` and `features.0.2` are two parts of the
   * one instance `features.0`; `classifier.0` and `classifier.1` are unlike parts of a Sequential.
   */
  spansLayers(contexts, nested = false) {
    return this.spans(contexts, nested, true);
  }
  /**
   * Whether contexts lie in two or more instances of one repeated container, at any level of
   * nesting, alike or not: for a node with no inputs, which carries no dataflow from one
   * instance into another. Swin's shifted-window blocks run their mask's ops besides the plain
   * blocks' (op counts 0.22 alike), yet a constant both read is one value serving both.
   */
  spansInstances(contexts) {
    return this.spans(contexts, true, false);
  }
  spans(contexts, nested, alike) {
    const insts = /* @__PURE__ */ new Map();
    for (const c of contexts) {
      if (nested) for (const inst of this.naming.instanceChain(c)) insts.set(inst.path, inst);
      else {
        const inst = this.naming.instanceOf(c);
        if (inst) insts.set(inst.path, inst);
      }
    }
    const byTemplate = /* @__PURE__ */ new Map();
    for (const i of insts.values()) (byTemplate.get(i.template) ?? byTemplate.set(i.template, []).get(i.template)).push(i.path);
    for (const list of byTemplate.values()) {
      if (!alike) {
        if (list.length >= 2) return true;
        continue;
      }
      list.sort();
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < Math.min(list.length, i + 1 + PAIRS_PER_INSTANCE); j++) {
          if (this.similarity(list[i], list[j]) >= LAYER_SIMILARITY) return true;
        }
      }
    }
    return false;
  }
};
var LAYER_SIMILARITY = 0.5;
var WHOLE_PART_OPS = 4;
var PAIRS_PER_INSTANCE = 4;
function agreement(mine, theirs, mineKey, theirKey, counts) {
  let agree = 0;
  for (const n of mine) {
    if (n.dir === "out" && theirs.some((t) => t.node === n.node)) continue;
    const same = theirs.filter((t) => t.dir === n.dir && t.op === n.op);
    if (same.length === 0) continue;
    const asNear = same.filter((t) => t.near === n.near);
    const key = mineKey(n.context);
    if (!(asNear.length > 0 ? asNear : same).some((t) => theirKey(t.context) === key)) {
      if (asNear.length > 0) return -1;
      continue;
    }
    if (n.near && asNear.length > 0 && counts(key)) agree++;
  }
  return agree;
}
function sameSurroundings(mine, theirs) {
  const sig = (list) => list.map((n) => `${n.dir}:${n.op}:${n.near ? "near" : "far"}`).sort().join(",");
  return sig(mine) === sig(theirs);
}
function exitsFit(mine, theirs, ours, theirContainer) {
  let differs = false;
  for (const dir of ["in", "out"]) {
    const a = mine.filter((n) => n.dir === dir);
    const b = theirs.filter((n) => n.dir === dir);
    if (a.some((n) => b.some((t) => t.op === n.op))) continue;
    differs = true;
    if (a.length === 0 || b.length === 0) return false;
    if (a.some((n) => isAncestorOrSelf(ours, n.context)) || b.some((t) => isAncestorOrSelf(theirContainer, t.context))) return false;
  }
  return differs;
}
function* nearestFirst(sorted, at) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (sorted[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  let left = lo - 1;
  let right = lo;
  while (left >= 0 || right < sorted.length) {
    if (right >= sorted.length || left >= 0 && at - sorted[left] <= sorted[right] - at) yield sorted[left--];
    else yield sorted[right++];
  }
}
function inside(path6, instance) {
  return path6 === instance || path6.startsWith(instance + ".");
}
function relativeTo(path6, anchor, naming) {
  if (inside(path6, anchor.path)) return "@" + path6.slice(anchor.path.length);
  const inst = naming.instanceOf(path6);
  if (inst && inst.template === anchor.template) return `@${inst.index - anchor.index}` + path6.slice(inst.path.length);
  if (inst) return "^";
  return path6;
}
function instanceOffset(path6, anchor, naming) {
  const rel = relativeTo(path6, anchor, naming);
  if (!rel.startsWith("@")) return rel;
  const cut = rel.indexOf(".");
  return cut < 0 ? rel : rel.slice(0, cut);
}
var DOWNSTREAM_DEPTH = 4;
var DOWNSTREAM_FANOUT = 4;
var LOST_LEVELS = 2;
var MIN_NAMED_FOR_PARTIAL_KIND = 4;
var KIND_LEVELS = 2;
function relativeToKind(path6, anchor) {
  let a = anchor;
  for (let k = 0; k <= KIND_LEVELS; k++) {
    if (a === "") return `^${k}.${path6}`;
    if (inside(path6, a)) return `^${k}` + unnumbered(path6.slice(a.length));
    a = parentPath(a);
  }
  return "~";
}
function unnumbered(rest) {
  const end = rest.indexOf(".", 1);
  const first = end < 0 ? rest.slice(1) : rest.slice(1, end);
  return first !== "" && isIndex(first) ? ".#" + (end < 0 ? "" : rest.slice(end)) : rest;
}
var SiblingAnalogy = class {
  /** `pending`: the nodes that will ask; only counterparts they could match are indexed. */
  constructor(index2, tree, known, pending, shapes) {
    this.index = index2;
    this.tree = tree;
    this.known = known;
    this.shapes = shapes ?? (() => this.ownShapes ??= new InstanceShapes(index2, known, tree.naming));
    this.keys = new Array(index2.nodes.length);
    const ops = /* @__PURE__ */ new Set();
    const wanted = /* @__PURE__ */ new Set();
    for (let q = 0; q < pending.length; q++) {
      const u = pending[q];
      ops.add(index2.nodes[u].node.opType);
      for (const k of this.structuralKeys(u)) wanted.add(k);
    }
    const members = [];
    for (let q = 0; q < index2.nodes.length; q++) {
      const entry2 = index2.nodes[q];
      if (entry2.graph !== "" || !ops.has(entry2.node.opType)) continue;
      const c = known[entry2.index];
      if (c === null || c === void 0) continue;
      const all = this.structuralKeys(entry2.index);
      const keys = all.every((k) => wanted.has(k)) ? all : all.filter((k) => wanted.has(k));
      this.keys[entry2.index] = keys;
      if (keys.length === 0) continue;
      const inst = this.tree.naming.instanceOf(c);
      for (const key of keys) {
        (this.anywhere.get(key) ?? this.anywhere.set(key, []).get(key)).push(entry2.index);
        if (inst) members.push([key, inst.template, inst.index, entry2.index]);
      }
    }
    const byId = (a, b) => index2.nodes[a].id < index2.nodes[b].id ? -1 : 1;
    for (const list of this.anywhere.values()) list.sort(byId);
    members.sort((a, b) => byId(a[3], b[3]));
    for (const [key, template, layer, node] of members) {
      let byTemplate = this.buckets.get(key);
      if (!byTemplate) this.buckets.set(key, byTemplate = /* @__PURE__ */ new Map());
      let byLayer = byTemplate.get(template);
      if (!byLayer) byTemplate.set(template, byLayer = /* @__PURE__ */ new Map());
      (byLayer.get(layer) ?? byLayer.set(layer, []).get(layer)).push(node);
    }
  }
  /** structural key → template → layer index → nodes (sorted by id). */
  buckets = /* @__PURE__ */ new Map();
  keys;
  /** `structuralKeys`' lists by their strictest key. */
  keyLists = /* @__PURE__ */ new Map();
  neighbourCache = /* @__PURE__ */ new Map();
  /** structural key → every node with direct evidence (sorted by id): repeated calls of one module. */
  anywhere = /* @__PURE__ */ new Map();
  /**
   * Structural keys of a node, the strictest first: op types around it (its own, its producers'
   * and its consumers', sorted multisets), then one side only. A layer's first or last node
   * borders a different neighbour in the last layer of a stack (ResNet's final `relu` feeds the
   * pooling, not a next block), so one side must do when no counterpart matches both.
   */
  structuralKeys(i) {
    const cached = this.keys[i];
    if (cached !== void 0) return cached;
    const op = (j) => this.index.nodes[j].node.opType;
    const ins = this.index.producers.of(i).map(op).sort().join(",");
    const outs = this.index.consumers.of(i).map(op).sort().join(",");
    const own = op(i);
    const strict = `${own}|${ins}|${outs}`;
    let keys = this.keyLists.get(strict);
    if (keys === void 0) {
      keys = ins === "" || outs === "" ? [strict] : [strict, `${own}|${ins}|*`, `${own}|*|${outs}`];
      this.keyLists.set(strict, keys);
    }
    this.keys[i] = keys;
    return keys;
  }
  /**
   * Whether a counterpart's module `theirs`, moved into this instance as `answer`, names a module
   * this instance can have: one the tree knows, or a lost one-op module under a known ancestor
   * built like the counterpart's (of its class, where the tree knows both): at least half of that
   * ancestor's children, the lost one among them, are children of the counterpart's, of the same
   * class where known (T5's first block has a child the others lack, and the counterpart's
   * siblings may have lost their names too), and the counterpart's has no part ours lacks that
   * runs too many ops to have lost them all (see WHOLE_PART_OPS).
   * The blocks of one stack may differ (MobileNet's `block.1` is a squeeze-excitation in one block
   * and a convolution in the next): a child moved between unlike parents would be a phantom.
   */
  carriesOver(answer, theirs, lostLevels) {
    if (!this.tree.allows(answer)) return false;
    const known = this.knownPaths();
    if (known.has(answer)) return true;
    let parent = answer;
    for (let k = 0; k < lostLevels && !known.has(parent); k++) {
      if (parent === "") return false;
      parent = parentPath(parent);
    }
    const children = known.get(parent);
    if (!children) return false;
    const lostPart = parent === "" ? answer : answer.slice(parent.length + 1);
    const theirParent = theirs === lostPart ? "" : theirs.endsWith("." + lostPart) ? theirs.slice(0, -(lostPart.length + 1)) : null;
    const theirChildren = theirParent === null ? void 0 : known.get(theirParent);
    if (!theirChildren) return false;
    const lost = lostPart.split(".")[0];
    const ours = [...children, lost];
    const shared = ours.filter((name) => theirChildren.has(name) && (name === lost || this.sameClass(childPath(parent, name), childPath(theirParent, name)) !== false)).length;
    const before = isIndex(lost) ? String(Number(lost) - 1) : null;
    if (before !== null && theirChildren.has(before) && !children.has(before)) return false;
    for (const name of theirChildren) {
      if (name !== lost && !isIndex(name) && !children.has(name) && this.subtreeOps(childPath(theirParent, name)) >= WHOLE_PART_OPS) return false;
    }
    return this.sameClass(parent, theirParent) !== false && shared * 2 >= ours.length;
  }
  subtreeTotals;
  /** How many nodes with direct evidence a module and its descendants run (built once). */
  subtreeOps(module) {
    if (!this.subtreeTotals) {
      this.subtreeTotals = /* @__PURE__ */ new Map();
      for (const [m, ops] of this.moduleCounts().opCounts) {
        let n = 0;
        for (const k of ops.values()) n += k;
        for (let p = m; ; p = parentPath(p)) {
          this.subtreeTotals.set(p, (this.subtreeTotals.get(p) ?? 0) + n);
          if (p === "") break;
        }
      }
    }
    return this.subtreeTotals.get(module) ?? 0;
  }
  opCounts;
  /** Layer template → its instances with direct evidence. */
  instancesOf;
  /** The op types a module's nodes with direct evidence run, with how many of each (built once). */
  opCountsOf(module) {
    return this.moduleCounts().opCounts.get(module);
  }
  /** `opCountsOf`'s counts, and each layer template's instances with direct evidence: built once. */
  moduleCounts() {
    if (!this.opCounts || !this.instancesOf) {
      this.opCounts = this.shapes().moduleOps;
      this.instancesOf = /* @__PURE__ */ new Map();
      for (const c of this.opCounts.keys()) {
        const inst = this.tree.naming.instanceOf(c);
        if (inst) (this.instancesOf.get(inst.template) ?? this.instancesOf.set(inst.template, /* @__PURE__ */ new Set()).get(inst.template)).add(inst.path);
      }
    }
    return { opCounts: this.opCounts, instancesOf: this.instancesOf };
  }
  ownModuleOps;
  /**
   * Whether the model runs ops of this type as modules of their own somewhere: a leaf module
   * whose nodes with direct evidence are all of this type (DenseNet's `relu1`, a block's
   * `activation`), as opposed to a functional op run inside its caller (`torch.flatten`).
   */
  runsAsOwnModule(op) {
    if (!this.ownModuleOps) {
      this.ownModuleOps = /* @__PURE__ */ new Set();
      for (const [module, ops] of this.moduleCounts().opCounts) {
        if (ops.size === 1 && module !== "" && this.tree.get(module)?.children.length === 0) this.ownModuleOps.add(ops.keys().next().value);
      }
    }
    return this.ownModuleOps.has(op);
  }
  /**
   * Whether module `answer` can hold another op like counterpart `v`: not when the same module
   * runs one such op in every instance (the counterpart's module, where it sits in no repeated
   * layer) and already runs it here. Such a module is complete (MobileNet's
   * `features.11.block.0.0` has its one Conv): the node belongs to a module next to it that lost
   * all its names (`features.12.0`).
   */
  hasRoom(answer, theirs, v) {
    const op = this.index.nodes[v].node.opType;
    const count = (module) => this.opCountsOf(module)?.get(op) ?? 0;
    let most = count(theirs);
    const inst = this.tree.naming.instanceOf(answer);
    if (inst) {
      const rel = answer.slice(inst.path.length);
      for (const other of this.moduleCounts().instancesOf.get(inst.template) ?? []) most = Math.max(most, count(other + rel));
    }
    return most !== 1 || count(answer) === 0;
  }
  /** Whether two modules are of one class, undefined where the tree does not know both classes. */
  sameClass(a, b) {
    const ca = this.tree.get(a)?.className;
    const cb = this.tree.get(b)?.className;
    return ca !== void 0 && cb !== void 0 ? ca === cb : void 0;
  }
  paths;
  /** Every module path the evidence names, with its ancestors, and the names of its children. */
  knownPaths() {
    if (this.paths) return this.paths;
    const known = /* @__PURE__ */ new Map([["", /* @__PURE__ */ new Set()]]);
    for (const path6 of this.tree.modules.keys()) {
      for (let p = path6; p !== ""; ) {
        const cut = p.lastIndexOf(".");
        const parent = cut < 0 ? "" : p.slice(0, cut);
        const name = cut < 0 ? p : p.slice(cut + 1);
        const fresh = !known.has(p);
        if (fresh) known.set(p, /* @__PURE__ */ new Set());
        let siblings = known.get(parent);
        if (!siblings) known.set(parent, siblings = /* @__PURE__ */ new Set());
        siblings.add(name);
        if (!fresh) break;
        p = parent;
      }
    }
    this.paths = known;
    return known;
  }
  /** The nearest nodes with a module on each side, looking through nodes without one (neighbourhood.ts). */
  neighbours(i, context) {
    const around = neighbourhood(this.index, i, (j) => context(j) !== null);
    const out = [];
    const producers = this.index.producers.of(i);
    const consumers = this.index.consumers.of(i);
    for (const j of around.producers) out.push({ node: j, dir: "in", op: this.index.nodes[j].node.opType, context: context(j), near: producers.includes(j) });
    for (const j of around.consumers) out.push({ node: j, dir: "out", op: this.index.nodes[j].node.opType, context: context(j), near: consumers.includes(j) });
    return out;
  }
  knownNeighbours(v) {
    let hit = this.neighbourCache.get(v);
    if (!hit) this.neighbourCache.set(v, hit = this.neighbours(v, (j) => this.known[j] ?? null));
    return hit;
  }
  /**
   * Testimony for node `u` from counterparts in siblings of the instances its neighbours lie in.
   * `context` gives the current module of any node (direct evidence, or an earlier round's
   * attribution) or null. A counterpart counts when at least one neighbour known on both sides
   * agrees (relative to the instances) and none disagrees.
   */
  answersFor(u, context) {
    const mine = this.neighbours(u, context);
    const nextDoor = (j) => context(j) !== null;
    const lostLevels = this.index.producers.of(u).every(nextDoor) && this.index.consumers.of(u).every(nextDoor) ? LOST_LEVELS : 1;
    for (const key of this.structuralKeys(u)) {
      const answers = this.answersByKey(u, key, mine, lostLevels, context);
      if (answers.length > 0) return answers;
    }
    return [];
  }
  answersByKey(u, key, mine, lostLevels, context) {
    const answers = /* @__PURE__ */ new Map();
    const deep = /* @__PURE__ */ new Map();
    let mineDeep;
    const add = (context2, v) => {
      const a = answers.get(context2) ?? answers.set(context2, { context: context2, support: 0, examples: [] }).get(context2);
      a.support++;
      if (a.examples.length < 2) a.examples.push(this.index.nodes[v].node.name || this.index.nodes[v].id);
      if (this.downstream(v) === (mineDeep ??= this.downstream(u))) deep.set(context2, (deep.get(context2) ?? 0) + 1);
      if (this.sameSlots(u, v)) slotted.add(context2);
    };
    const slotted = /* @__PURE__ */ new Set();
    let slotSeen = false;
    const saw = (v) => {
      if (this.sameSlots(u, v)) slotSeen = true;
    };
    let tried = 0;
    let used = 0;
    for (const v of this.anywhere.get(key) ?? []) {
      if (used >= MAX_COUNTERPARTS || ++tried > MAX_TRIED) break;
      if (v === u || this.nextTo(u, v) || this.index.nodes[u].node.inputs.length !== this.index.nodes[v].node.inputs.length) continue;
      const id = (c) => c;
      if (agreement(mine, this.knownNeighbours(v), id, id, () => true) < 2) continue;
      used++;
      saw(v);
      add(this.known[v], v);
    }
    this.instanceAnswers(u, key, mine, lostLevels, context, saw, add);
    if (answers.size === 0) this.kindAnswers(u, key, mine, lostLevels, saw, add);
    if (answers.size === 0) this.instanceLevelAnswers(u, key, mine, saw, add);
    let list = [...answers.values()];
    if (slotSeen) list = list.filter((a) => slotted.has(a.context));
    if (deep.size > 0 && deep.size < list.length) list = list.filter((a) => deep.has(a.context));
    return list.sort((a, b) => b.support - a.support || (a.context < b.context ? -1 : 1));
  }
  downstreamCache = /* @__PURE__ */ new Map();
  /**
   * The op types downstream of a node, DOWNSTREAM_DEPTH levels deep, with the input slot each
   * consumer reads it in (a key's MatMul feeds the scores' second input, a query's the first).
   * A function of the graph alone: names and evidence play no part.
   */
  downstream(i) {
    const hit = this.downstreamCache.get(i);
    if (hit !== void 0) return hit;
    const walk2 = (j, depth) => {
      const e = this.index.nodes[j];
      if (depth === 0) return e.node.opType;
      const parts = [];
      for (const c of this.index.consumers.of(j).slice(0, DOWNSTREAM_FANOUT)) parts.push(`${this.inputSlot(j, c)}:${walk2(c, depth - 1)}`);
      return `${e.node.opType}(${parts.sort().join(",")})`;
    };
    const sig = walk2(i, DOWNSTREAM_DEPTH);
    this.downstreamCache.set(i, sig);
    return sig;
  }
  /**
   * A node next to `u` is no counterpart of it: its neighbours, seen through `u` (which has no
   * module yet), are `u`'s own, and would agree with them by construction.
   */
  nextTo(u, v) {
    return this.index.producers.has(u, v) || this.index.consumers.has(u, v);
  }
  /** Which input of consumer `c` reads an output of node `j` (the first such). */
  inputSlot(j, c) {
    const outs = this.index.nodes[j].node.outputs;
    return this.index.nodes[c].node.inputs.findIndex((t) => outs.includes(t));
  }
  /**
   * Whether a counterpart feeds each op that both feed in the same input: a block's main branch
   * and its shortcut both end in the residual Add, in its first and its second input.
   */
  sameSlots(u, v) {
    const op = (c) => this.index.nodes[c].node.opType;
    const theirs = this.index.consumers.of(v);
    for (const c of this.index.consumers.of(u)) {
      const same = theirs.filter((d) => op(d) === op(c));
      const slot = this.inputSlot(u, c);
      if (same.length > 0 && !same.some((d) => this.inputSlot(v, d) === slot)) return false;
    }
    return true;
  }
  strictKeys = /* @__PURE__ */ new Map();
  /** Op types right next to a node, placed or not: its own, its producers', its consumers'. */
  strictKey(i) {
    let key = this.strictKeys.get(i);
    if (key === void 0) {
      const op = (j) => this.index.nodes[j].node.opType;
      key = `${op(i)}|${this.index.producers.of(i).map(op).sort().join(",")}|${this.index.consumers.of(i).map(op).sort().join(",")}`;
      this.strictKeys.set(i, key);
    }
    return key;
  }
  /**
   * Whether counterpart `v` fits node `u` all round, the nodes next to `u` that lost their names
   * too included: the same op types right next to both; each placed neighbour of `u` where `v`'s
   * is (relative to their instances); each unplaced one where `v` has a neighbour of its op type
   * in `v`'s own container. Two nodes next door that lost their names together (a block's Conv
   * and its activation, all of RegNet's `f.a`) are then that container's ops here, and its loss
   * is one loss, not two.
   */
  branchFits(u, v, anchor, vInst, context) {
    if (this.strictKey(u) !== this.strictKey(v)) return false;
    const home = parentPath(this.known[v]);
    if (home === "" || home === vInst.path) return false;
    const naming = this.tree.naming;
    const op = (j) => this.index.nodes[j].node.opType;
    for (const [ours, theirs] of [
      [this.index.producers.of(u), this.index.producers.of(v)],
      [this.index.consumers.of(u), this.index.consumers.of(v)]
    ]) {
      for (const x of ours) {
        const cx = context(x);
        const fits = theirs.some((y) => {
          const cy = this.known[y];
          if (op(y) !== op(x) || cy === null || cy === void 0) return false;
          if (cx !== null) return relativeTo(cx, anchor, naming) === relativeTo(cy, vInst, naming);
          return cy !== home && inside(cy, home) || inside(cy, vInst.path) && this.strictKey(x) === this.strictKey(y);
        });
        if (!fits) return false;
      }
    }
    return true;
  }
  layerOrders = /* @__PURE__ */ new Map();
  /** A bucket's layer indices, ascending (sorted once per key and template). */
  layerOrder(key, template, byLayer) {
    const k = `${key}\0${template}`;
    let order = this.layerOrders.get(k);
    if (!order) this.layerOrders.set(k, order = [...byLayer.keys()].sort((a, b) => a - b));
    return order;
  }
  /** The layer instances the node's neighbours lie in, by path. */
  anchorsOf(mine) {
    const anchors = /* @__PURE__ */ new Map();
    for (const n of mine) {
      const inst = this.tree.naming.instanceOf(n.context);
      if (inst) anchors.set(inst.path, inst);
    }
    return [...anchors.values()].sort((a, b) => a.path < b.path ? -1 : 1);
  }
  /** The instances' op counts, built on first use (or the caller's, built from the same evidence). */
  shapes;
  ownShapes;
  /**
   * Whether two instances run much the same ops, where both are leaves with direct evidence:
   * the parts of a Sequential of leaves (SqueezeNet's `features.1` a ReLU, `features.2` a
   * MaxPool) are numbered like layers of a stack, but a part is no counterpart of an unlike one.
   */
  alike(a, b) {
    const leaf = (p) => (this.tree.get(p)?.children.length ?? 0) === 0;
    if (!leaf(a) || !leaf(b)) return true;
    const shapes = this.shapes();
    return !shapes.knows(a, b) || shapes.similarity(a, b) >= LAYER_SIMILARITY;
  }
  /** Counterparts in sibling instances of the repeated layers the node's neighbours lie in. */
  instanceAnswers(u, key, mine, lostLevels, context, saw, add) {
    const byTemplate = this.buckets.get(key);
    if (!byTemplate) return;
    for (const anchor of this.anchorsOf(mine)) {
      const templates = [anchor.template, ...[...byTemplate.keys()].filter((t) => t !== anchor.template).sort()];
      let used = 0;
      let tried = 0;
      for (const template of templates) {
        const byLayer = byTemplate.get(template);
        if (!byLayer) continue;
        const same = template === anchor.template;
        for (const layer of nearestFirst(this.layerOrder(key, template, byLayer), anchor.index)) {
          if (same && layer === anchor.index) continue;
          if (used >= MAX_COUNTERPARTS || tried >= MAX_TRIED) break;
          for (const v of byLayer.get(layer)) {
            if (++tried > MAX_TRIED) break;
            if (this.nextTo(u, v)) continue;
            const vc = this.known[v];
            const vInst = this.tree.naming.instanceOf(vc);
            if (!this.alike(anchor.path, vInst.path)) continue;
            const agree = agreement(
              mine,
              this.knownNeighbours(v),
              (c) => relativeTo(c, anchor, this.tree.naming),
              (c) => relativeTo(c, vInst, this.tree.naming),
              (rel) => rel.startsWith("@")
            );
            if (agree < 1) continue;
            saw(v);
            const answer = anchor.path + relativeTo(vc, vInst, this.tree.naming).slice(1);
            const theirs = this.knownNeighbours(v);
            const levels = sameSurroundings(mine, theirs) || lostLevels === LOST_LEVELS && exitsFit(mine, theirs, parentPath(answer), parentPath(vc)) ? lostLevels : this.branchFits(u, v, anchor, vInst, context) ? LOST_LEVELS : 1;
            if (!this.carriesOver(answer, vc, levels)) continue;
            if (!this.hasRoom(answer, vc, v)) continue;
            used++;
            add(answer, v);
          }
        }
      }
    }
  }
  /**
   * Counterparts that run in their layer instance itself (a residual Add), compared by instance
   * only, where no counterpart agrees module by module. The blocks of a stack may differ inside
   * (MobileNet's projection is `block.2` in a block without squeeze-excitation and `block.3`
   * with it), but an op a block runs itself sits between the same blocks in each: its own, the
   * one before, the one after. Two neighbours or more must agree and none contradict; the answer
   * is the anchor instance, a module the tree knows.
   */
  instanceLevelAnswers(u, key, mine, saw, add) {
    const byTemplate = this.buckets.get(key);
    if (!byTemplate) return;
    for (const anchor of this.anchorsOf(mine)) {
      const byLayer = byTemplate.get(anchor.template);
      if (!byLayer) continue;
      let used = 0;
      let tried = 0;
      for (const layer of nearestFirst(this.layerOrder(key, anchor.template, byLayer), anchor.index)) {
        if (layer === anchor.index) continue;
        if (used >= MAX_COUNTERPARTS || tried >= MAX_TRIED) break;
        for (const v of byLayer.get(layer)) {
          if (++tried > MAX_TRIED) break;
          const vc = this.known[v];
          const vInst = this.tree.naming.instanceOf(vc);
          if (vc !== vInst.path || this.nextTo(u, v)) continue;
          const agree = agreement(
            mine,
            this.knownNeighbours(v),
            (c) => instanceOffset(c, anchor, this.tree.naming),
            (c) => instanceOffset(c, vInst, this.tree.naming),
            (rel) => rel.startsWith("@")
          );
          if (agree < 2) continue;
          saw(v);
          if (!this.hasRoom(anchor.path, vc, v)) continue;
          used++;
          add(anchor.path, v);
        }
      }
    }
  }
  /**
   * Counterparts in modules of the same kind elsewhere: modules of one class run the same code
   * wherever they sit (`embeddings.LayerNorm` and `encoder.layer.0.attention.output.LayerNorm`).
   * A kind is the module's class where the tree knows it, else its name, else (a numbered part
   * of a Sequential) its children's names. Asked where no sibling instance answers. A
   * counterpart counts when two neighbours or more sit in the same place relative to the two
   * modules (the module, its parent, its grandparent; numbered siblings compared without their
   * numbers) and none contradicts.
   */
  kindAnswers(u, key, mine, lostLevels, saw, add) {
    const anchors = /* @__PURE__ */ new Map();
    for (const n of mine) {
      for (let p = n.context, k = 0; k <= KIND_LEVELS && p !== ""; k++, p = parentPath(p)) {
        for (const kind of this.kindsOf(p)) (anchors.get(kind) ?? anchors.set(kind, /* @__PURE__ */ new Set()).get(kind)).add(p);
      }
    }
    if (anchors.size === 0) return;
    const kinds = this.kindsOfKey(key);
    let any = false;
    for (const k of anchors.keys()) if (kinds.has(k)) any = true;
    if (!any) return;
    let tried = 0;
    let used = 0;
    for (const v of this.anywhere.get(key) ?? []) {
      if (used >= MAX_COUNTERPARTS || ++tried > MAX_TRIED) break;
      if (v === u || this.nextTo(u, v)) continue;
      const vc = this.known[v];
      const theirs = this.knownNeighbours(v);
      let found = false;
      for (let x = vc, k = 0; !found && k <= KIND_LEVELS && x !== ""; k++, x = parentPath(x)) {
        const alike = /* @__PURE__ */ new Set();
        for (const kind of this.kindsOf(x)) for (const m of anchors.get(kind) ?? []) alike.add(m);
        for (const m of [...alike].sort()) {
          if (m === x) continue;
          if (agreement(mine, theirs, (c) => relativeToKind(c, m), (c) => relativeToKind(c, x), (rel) => rel.startsWith("^")) < 2) continue;
          saw(v);
          const rest = vc.slice(x.length);
          if (unnumbered(rest) !== rest) continue;
          const answer = m + rest;
          if (!this.carriesOver(answer, vc, sameSurroundings(mine, theirs) ? lostLevels : 1)) continue;
          if (!this.hasRoom(answer, vc, v)) continue;
          add(answer, v);
          found = true;
          break;
        }
      }
      if (found) used++;
    }
  }
  keyKinds = /* @__PURE__ */ new Map();
  /** The kinds of the modules (and their ancestors, KIND_LEVELS up) the key's placed nodes lie in. */
  kindsOfKey(key) {
    let kinds = this.keyKinds.get(key);
    if (kinds) return kinds;
    kinds = /* @__PURE__ */ new Set();
    const seen = /* @__PURE__ */ new Set();
    for (const v of this.anywhere.get(key) ?? []) {
      const vc = this.known[v];
      if (seen.has(vc)) continue;
      seen.add(vc);
      for (let x = vc, k = 0; k <= KIND_LEVELS && x !== ""; k++, x = parentPath(x)) {
        for (const kind of this.kindsOf(x)) kinds.add(kind);
      }
    }
    this.keyKinds.set(key, kinds);
    return kinds;
  }
  kinds = /* @__PURE__ */ new Map();
  /** The kinds a module is known by (two modules are alike when they share one). */
  kindsOf(path6) {
    let kinds = this.kinds.get(path6);
    if (kinds === void 0) this.kinds.set(path6, kinds = this.computeKinds(path6));
    return kinds;
  }
  computeKinds(path6) {
    if (path6 === "") return [];
    const cut = path6.lastIndexOf(".");
    const name = cut < 0 ? path6 : path6.slice(cut + 1);
    const className = this.tree.get(path6)?.className;
    if (className !== void 0) return [className];
    if (!isIndex(name)) return [name];
    const children = [...this.knownPaths().get(path6) ?? []].sort();
    const named = children.filter((c) => !isIndex(c)).length;
    if (named < 2) return [];
    const kinds = [`{${children.join(",")}}`];
    if (named >= MIN_NAMED_FOR_PARTIAL_KIND) for (const left of children) kinds.push(`{${children.filter((c) => c !== left).join(",")}}`);
    return kinds;
  }
};

// src/contamination/sequence.ts
var MAX_OFFSET = 3;
function findParts(context) {
  const out = [];
  let start = 0;
  for (; ; ) {
    const end = context.indexOf(".", start);
    const atom = end < 0 ? context.slice(start) : context.slice(start, end);
    if (atom !== "" && isIndex(atom)) out.push({ container: start === 0 ? "" : context.slice(0, start - 1), index: Number(atom) });
    if (end < 0) return out;
    start = end + 1;
  }
}
var SURE_SIDE = 0.5;
var SequenceParts = class {
  /** `opsOf`: the op types a module's nodes with direct evidence run. */
  constructor(index2, tree, known, opsOf) {
    this.index = index2;
    this.tree = tree;
    this.known = known;
    this.opsOf = opsOf;
  }
  partsCache = /* @__PURE__ */ new Map();
  /** `A>B` → offset → how often a part running A feeds one running B that many parts on. */
  offsets = /* @__PURE__ */ new Map();
  /** The same for a B that ends its Sequential (`A>B|last`), or an A that starts it (`A>B|first`). */
  edges = /* @__PURE__ */ new Map();
  counted = false;
  /**
   * `offsets` and `edges`, counted over every edge of the graph on first use: only a node with
   * several missing parts to choose from asks, and most graphs have none.
   */
  countOffsets() {
    if (this.counted) return;
    this.counted = true;
    const { index: index2, known } = this;
    const inContainer = (j, container) => {
      const c = known[j];
      return c !== null && c !== void 0 && (container === "" || c.startsWith(container + "."));
    };
    for (let k = 0; k < index2.nodes.length; k++) {
      const e = index2.nodes[k];
      const ca = known[e.index];
      if (ca === null || ca === void 0 || e.graph !== "") continue;
      const mine = this.partsOf(ca);
      if (mine.length === 0) continue;
      for (let k2 = index2.consumers.start[e.index]; k2 < index2.consumers.start[e.index + 1]; k2++) {
        const b = index2.consumers.targets[k2];
        const cb = known[b];
        if (cb === null || cb === void 0) continue;
        for (const pb of this.partsOf(cb)) {
          const a = mine.find((p) => p.container === pb.container);
          if (!a || pb.index <= a.index || pb.index - a.index > MAX_OFFSET) continue;
          const key = `${e.node.opType}>${index2.nodes[b].node.opType}`;
          const d = pb.index - a.index;
          this.count(this.offsets, key, d);
          if (ca !== childPath(a.container, a.index) || cb !== childPath(pb.container, pb.index)) continue;
          if (!index2.consumers.of(b).some((k3) => inContainer(k3, a.container))) this.count(this.edges, `${key}|last`, d);
          if (!index2.producers.of(e.index).some((k3) => inContainer(k3, a.container))) this.count(this.edges, `${key}|first`, d);
        }
      }
    }
  }
  count(m, key, d) {
    const byOffset = m.get(key) ?? m.set(key, /* @__PURE__ */ new Map()).get(key);
    byOffset.set(d, (byOffset.get(d) ?? 0) + 1);
  }
  /** `findParts`, once per distinct module (a graph names the same few thousand modules again and again). */
  partsOf(context) {
    let parts = this.partsCache.get(context);
    if (!parts) this.partsCache.set(context, parts = findParts(context));
    return parts;
  }
  subtreeOps = /* @__PURE__ */ new Map();
  /** Whether a module or one of its descendants runs `op` (direct evidence). */
  runsInside(path6, op) {
    let ops = this.subtreeOps.get(path6);
    if (!ops) {
      ops = /* @__PURE__ */ new Set();
      const stack = [path6];
      while (stack.length > 0) {
        const p = stack.pop();
        for (const o of this.opsOf(p)?.keys() ?? []) ops.add(o);
        stack.push(...this.tree.get(p)?.children ?? []);
      }
      this.subtreeOps.set(path6, ops);
    }
    return ops.has(op);
  }
  missing(container, k) {
    const path6 = childPath(container, k);
    return this.tree.get(path6) === void 0 && this.tree.allows(path6);
  }
  /**
   * The missing part node `u` is, from the parts its producers and consumers (their current
   * modules, `ctx`) run in; empty where none or several fit equally.
   */
  candidatesFor(u, ctx, sureOf) {
    const op = this.index.nodes[u].node.opType;
    const own = (j, c, part) => c === childPath(part.container, part.index) && (this.known[j] === c || sureOf(j) >= SURE_SIDE);
    const sides = /* @__PURE__ */ new Map();
    const side = (container) => sides.get(container) ?? sides.set(container, { lower: null, lowerOp: "", lowerLeaf: false, upper: null, upperOp: "", upperLeaf: false }).get(container);
    for (const p of this.index.producers.of(u)) {
      const c = ctx(p);
      for (const part of c === null ? [] : this.partsOf(c)) {
        const s = side(part.container);
        if (s.lower === null || part.index > s.lower) {
          s.lower = part.index;
          s.lowerOp = this.index.nodes[p].node.opType;
          s.lowerLeaf = own(p, c, part);
        }
      }
    }
    for (const q of this.index.consumers.of(u)) {
      const c = ctx(q);
      for (const part of c === null ? [] : this.partsOf(c)) {
        const s = side(part.container);
        if (s.upper === null || part.index < s.upper) {
          s.upper = part.index;
          s.upperOp = this.index.nodes[q].node.opType;
          s.upperLeaf = own(q, c, part);
        }
      }
    }
    const out = [];
    for (const [container, s] of [...sides].sort(([a], [b]) => a < b ? -1 : 1)) {
      if (s.lower !== null && s.upper !== null && s.upper - s.lower < 2) continue;
      const foreign = (k2) => k2 === null || !this.runsInside(childPath(container, k2), op);
      if (!foreign(s.lower) || !foreign(s.upper)) continue;
      const candidates = [];
      if (s.lower !== null && s.upper !== null) {
        for (let k2 = s.lower + 1; k2 < s.upper; k2++) candidates.push(k2);
        if (!candidates.every((k2) => this.missing(container, k2))) continue;
      } else if (s.lower !== null) {
        if (!s.lowerLeaf) continue;
        for (let k2 = s.lower + 1; k2 <= s.lower + MAX_OFFSET && this.missing(container, k2); k2++) candidates.push(k2);
      } else {
        if (!s.upperLeaf) continue;
        for (let k2 = s.upper - 1; k2 >= 0 && k2 >= s.upper - MAX_OFFSET && this.missing(container, k2); k2--) candidates.push(k2);
      }
      if (candidates.length === 0) continue;
      const placed = (list) => list.every((j) => ctx(j) !== null);
      if (s.upper === null && !placed(this.index.consumers.of(u))) continue;
      if (s.lower === null && !placed(this.index.producers.of(u))) continue;
      if (s.lower !== null && s.upper !== null && candidates.length === 1) {
        out.push({ context: childPath(container, candidates[0]), why: `the one missing part between ${childPath(container, s.lower)} and ${childPath(container, s.upper)}` });
        continue;
      }
      this.countOffsets();
      const score = /* @__PURE__ */ new Map();
      for (const k2 of candidates) {
        let fit = 0;
        let ok = true;
        const weigh = (key, table, d) => {
          const n = table.get(key)?.get(d) ?? 0;
          if (n === 0 && table.has(key)) ok = false;
          fit += n;
        };
        if (s.lower !== null) {
          if (s.upper !== null) weigh(`${s.lowerOp}>${op}`, this.offsets, k2 - s.lower);
          else weigh(`${s.lowerOp}>${op}|last`, this.edges, k2 - s.lower);
        }
        if (s.upper !== null) {
          if (s.lower !== null) weigh(`${op}>${s.upperOp}`, this.offsets, s.upper - k2);
          else weigh(`${op}>${s.upperOp}|first`, this.edges, s.upper - k2);
        }
        score.set(k2, ok ? fit : 0);
      }
      const best = Math.max(...score.values());
      const winners = candidates.filter((k2) => score.get(k2) === best);
      if (best === 0 || winners.length !== 1) continue;
      const k = winners[0];
      const shown = s.lower !== null ? `${s.lowerOp} \u2192 ${op} ${k - s.lower} part(s) on` : `${op} \u2192 ${s.upperOp} ${s.upper - k} part(s) on`;
      out.push({ context: childPath(container, k), why: `a missing part of ${container || "(root)"} where the graph's other parts run ${shown}` });
    }
    return out;
  }
};

// src/contamination/attribute.ts
var CONVERSION_OPS = /* @__PURE__ */ new Set(["Cast", "CastLike", "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear"]);
var MODEL_CONVERSION_OPS = /* @__PURE__ */ new Set(["Cast", "CastLike"]);
var WEIGHT = { conversion: 5, analogy: 4, parameter: 3, inlined: 3, structure: 2, sequence: 2, fork: 1.5, dataflow: 1 };
var ATTRIBUTION_CONFIDENCE = {
  /** Unopposed, with a conversion rule, a parameter name or a sibling counterpart among the testimony. */
  corroborated: 0.95,
  /** Unopposed dataflow from both sides naming the same module. */
  bothSides: 0.95,
  /**
   * Unopposed dataflow from its producers only (the graph's last ops): as often as not a module
   * of its own whose one op lost its name (a head, a final activation), so a guess.
   */
  producersOnly: 0.1,
  /** Unopposed dataflow from its consumers only (a constant, or a node fed by the graph's inputs). */
  consumersOnly: 0.9,
  /** The same for a node fed by the graph's inputs whose consumers' module runs no op of its type. */
  consumersOnlyForeign: 0.1,
  /**
   * At most, for dataflow from one side naming a leaf module that runs other op types and none
   * of this one: opposed (`contested`), and unopposed (`consumersOnly`, `producersOnly`).
   */
  foreignLeaf: { contested: 0.05, unopposed: 0.5 },
  /**
   * Unopposed dataflow naming a module and its ancestor (a node between `attention.self.query`
   * and `attention.self`): which of the two is a guess.
   */
  chain: 0.5,
  /** The same naming the shallower module, for an op type the model runs as modules of their own elsewhere. */
  chainOwnModule: 0.05,
  /**
   * At most, for dataflow naming a module no instance of whose kind runs the op type as its own
   * (`LayerOpCounts.runsNone`): 94 of 262 such answers were right (stripped scopes and generic
   * names, eight seeds over the corpus), where dataflow alone had stated up to 0.76.
   */
  foreignKind: 0.3,
  /**
   * Glue read from a foreign leaf with nothing placed after it, given to the leaf's caller: about
   * 31% of 148 such answers were right (twenty seeds, stripped scopes and generic names); the
   * rest are mostly a lost one-op module of the caller's (`pooler.activation`), given its parent.
   */
  gluePastLeaf: 0.3,
  /**
   * At most, where a repeated module's missing op (`structure`) lifted the answer above every
   * module the dataflow names, and one of those runs the op type itself: either may be the one
   * that lost it, and the count, taken against instances that lost ops too, cannot tell. 33 of
   * 62 such answers were right (twenty seeds, stripped scopes and generic names; GPT-2's Conv1D
   * constants given to `attn`), where `consumersOnly` had stated 0.9.
   */
  liftedPastOwnOp: 0.5,
  /** Opposed: from `contested.floor` at a margin of `contested.from` up to `contested.ceiling` at `contested.to`. */
  contested: { from: 0.6, to: 0.85, floor: 0.2, ceiling: 0.9 }
};
function parameterOwner(tree, tensorName) {
  if (!mayBeStateDictName(tensorName)) return void 0;
  const cut = tensorName.lastIndexOf(".");
  if (cut <= 0) return void 0;
  const owner = tensorName.slice(0, cut);
  if (!IDENTIFIER.test(tensorName.slice(cut + 1))) return void 0;
  if (owner.split(".").some((x) => x === "") || !tree.allows(owner)) return void 0;
  for (let p = owner; ; ) {
    if (tree.has(p)) return owner;
    const cut2 = p.lastIndexOf(".");
    if (cut2 < 0) return tree.has("") && !owner.includes(".") || readsAsParameter(tensorName) ? owner : void 0;
    p = p.slice(0, cut2);
  }
}
var IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
function readsAsParameter(name) {
  const atoms2 = name.split(".");
  return atoms2.length >= 3 && IDENTIFIER.test(atoms2[0]) && IDENTIFIER.test(atoms2[atoms2.length - 1]) && atoms2.every((a) => IDENTIFIER.test(a) || isIndex(a));
}
var MAX_ROUNDS = 8;
var INLINED = /^_inlfunc_([A-Za-z][A-Za-z0-9]*)_(token_\d+_)?/;
function inlinedCall(node) {
  const call = (name) => {
    const m = INLINED.exec(name);
    return m ? `${m[1]}:${m[2] ?? ""}` : null;
  };
  let found = call(node.name);
  for (let k = 0; found === null && k < node.outputs.length; k++) found = call(node.outputs[k]);
  for (let k = 0; found === null && k < node.inputs.length; k++) found = call(node.inputs[k]);
  return found;
}
function inlinedInstances(index2, known, naming) {
  const out = /* @__PURE__ */ new Map();
  for (let k = 0; k < index2.nodes.length; k++) {
    const e = index2.nodes[k];
    const c = known[e.index];
    if (c === null || c === void 0 || e.graph !== "") continue;
    const call = inlinedCall(e.node);
    if (call === null) continue;
    const inst = naming.instanceOf(c)?.path;
    if (inst === void 0) continue;
    if (!out.has(call)) out.set(call, inst);
    else if (out.get(call) !== inst) out.set(call, null);
  }
  return out;
}
function callerOf(tree, path6) {
  let p = parentPath(path6);
  while (p !== "" && tree.naming.holdsParts(p)) p = parentPath(p);
  return p;
}
var KIND_INSTANCES = 3;
var POSITION = { inInside: 1, inOutside: 2, outInside: 4, outOutside: 8 };
var LayerOpCounts = class {
  /** `ops`: the op types that will be asked about; other ops are not counted. */
  constructor(index2, tree, known, ops, keysOf) {
    this.index = index2;
    this.tree = tree;
    this.known = known;
    this.keysOf = keysOf;
    const instances = /* @__PURE__ */ new Map();
    let lastContext;
    let lastShape = null;
    for (let k = 0; k < index2.nodes.length; k++) {
      const e = index2.nodes[k];
      const c = known[e.index];
      if (c === null || c === void 0 || e.graph !== "") continue;
      if (c !== lastContext) {
        lastContext = c;
        lastShape = this.shapeOf(c);
        if (lastShape !== null) {
          (this.instancesOfShape.get(lastShape) ?? this.instancesOfShape.set(lastShape, /* @__PURE__ */ new Set()).get(lastShape)).add(c);
          const kind = this.kindOf(c);
          (this.instancesOfKind.get(kind) ?? this.instancesOfKind.set(kind, /* @__PURE__ */ new Set()).get(kind)).add(c);
        }
      }
      const t = lastShape;
      if (t === null) continue;
      if (!ops.has(e.node.opType)) continue;
      let m = this.counts.get(c);
      if (!m) this.counts.set(c, m = /* @__PURE__ */ new Map());
      m.set(e.node.opType, (m.get(e.node.opType) ?? 0) + 1);
      (instances.get(t) ?? instances.set(t, /* @__PURE__ */ new Set()).get(t)).add(c);
      const keys = this.keys.get(t) ?? this.keys.set(t, /* @__PURE__ */ new Set()).get(t);
      const nodeKeys = keysOf(e.index);
      for (let q = 0; q < nodeKeys.length; q++) keys.add(nodeKeys[q]);
      const byOp = this.positions.get(t) ?? this.positions.set(t, /* @__PURE__ */ new Map()).get(t);
      byOp.set(e.node.opType, (byOp.get(e.node.opType) ?? 0) | this.positionsOf(e.index, c));
    }
    for (const [c, m] of this.counts) {
      const t = this.shapeOf(c);
      let most = this.most.get(t);
      if (!most) this.most.set(t, most = /* @__PURE__ */ new Map());
      for (const [op, k] of m) most.set(op, Math.max(most.get(op) ?? 0, k));
      const kind = this.kindOf(c);
      const runs = this.kindRuns.get(kind) ?? this.kindRuns.set(kind, /* @__PURE__ */ new Set()).get(kind);
      for (const op of m.keys()) runs.add(op);
    }
    for (const [t, set] of instances) if (set.size >= 2) this.repeated.add(t);
  }
  counts = /* @__PURE__ */ new Map();
  /** Shapes with two instances or more among `counts`: those `deficit` compares with `most`. */
  repeated = /* @__PURE__ */ new Set();
  /** Per shape, the structural keys of its instances' nodes (SiblingAnalogy.structuralKeys). */
  keys = /* @__PURE__ */ new Map();
  /**
   * Per shape and op type, on which sides its nodes have neighbours with direct evidence
   * inside their instance and outside it (`in:inside`, `out:outside`): a residual Add reads its
   * own block and feeds what follows the block, so a nameless Add that feeds the first op of a
   * block is not that block's missing Add (the first block of a stack has none). Which instance
   * is outside is not compared: a stack's last block feeds the next stack, the others a sibling.
   * Kept as POSITION bits, per shape then op type.
   */
  positions = /* @__PURE__ */ new Map();
  /** Per shape, its instances with direct evidence on any node (not only the counted op types). */
  instancesOfShape = /* @__PURE__ */ new Map();
  /** Per template (`encoder.layer.*.attention`), its instances with direct evidence and the op types any of them runs. */
  instancesOfKind = /* @__PURE__ */ new Map();
  kindRuns = /* @__PURE__ */ new Map();
  /** Per shape and op type, the most nodes of it that one instance runs as its own. */
  most = /* @__PURE__ */ new Map();
  /**
   * Instances are compared with those built alike: the same template and the same child names
   * (MobileNet's `features.1.block.2` is a convolution, `features.4.block.2` a
   * squeeze-excitation with a Mul of its own).
   */
  shape = /* @__PURE__ */ new Map();
  kinds = /* @__PURE__ */ new Map();
  /** The module's template (`encoder.layer.*.attention`), once per module. */
  kindOf(context) {
    let k = this.kinds.get(context);
    if (k === void 0) this.kinds.set(context, k = this.tree.naming.templateOf(context));
    return k;
  }
  shapeOf(context) {
    let s = this.shape.get(context);
    if (s === void 0) {
      const t = this.tree.naming.templateOf(context);
      const children = this.tree.get(context)?.children ?? [];
      s = t === null ? null : `${t}|${children.map((c) => c.slice(context.length + 1)).sort().join(",")}`;
      this.shape.set(context, s);
    }
    return s;
  }
  /**
   * Whether no instance of the module's kind (its template) runs `op` as its own op, of
   * KIND_INSTANCES at least with direct evidence. An Inception block runs no MaxPool of its own (its pooling
   * branch does), so a pool between two blocks, read from one, is not that block's however
   * strong the dataflow. (Counting up to the most any instance runs was tried: with few
   * instances, ops that lost their names made the most too low, and most answers it doubted
   * were right.)
   */
  runsNone(context, op) {
    const kind = this.kindOf(context);
    if (kind === null || (this.instancesOfKind.get(kind)?.size ?? 0) < KIND_INSTANCES) return false;
    return !(this.kindRuns.get(kind)?.has(op) ?? false);
  }
  /** The instances built like the module (its own shape) that have direct evidence, itself among them if it has. */
  instancesLike(context) {
    const t = this.shapeOf(context);
    return t === null ? void 0 : this.instancesOfShape.get(t);
  }
  /** How many nodes of `op` the module runs with direct evidence. */
  directCount(context, op) {
    return this.counts.get(context)?.get(op) ?? 0;
  }
  /** Where node `i`'s neighbours with direct evidence sit relative to the instance of `context` (POSITION bits). */
  positionsOf(i, context) {
    const inst = this.tree.naming.instanceOf(context);
    if (!inst) return 0;
    const side = (list, inside2, outside) => {
      let bits = 0;
      for (let k = list.start[i], end = list.start[i + 1]; k < end; k++) {
        const c = this.known[list.targets[k]];
        if (c !== null && c !== void 0) bits |= isAncestorOrSelf(inst.path, c) ? inside2 : outside;
      }
      return bits;
    };
    return side(this.index.producers, POSITION.inInside, POSITION.inOutside) | side(this.index.consumers, POSITION.outInside, POSITION.outOutside);
  }
  /**
   * How many more `op` nodes the module's sibling instances have than it has (0 when not
   * repeated), counted for node `u` only when a node of those instances sits among the same op
   * types on one side at least: the Add a layer's LayerNorm lost is not the embeddings' sum
   * before it.
   */
  deficit(context, op, u) {
    const t = this.shapeOf(context);
    if (t === null || !this.repeated.has(t)) return 0;
    const e = this.most.get(t);
    const keys = this.keys.get(t);
    if (!keys || !this.keysOf(u).some((k) => keys.has(k))) return 0;
    const expected = e.get(op) ?? 0;
    if (expected === 1) {
      const seen = this.positions.get(t)?.get(op) ?? 0;
      const mine = this.positionsOf(u, context);
      const against = (inside2, outside) => (mine & inside2) !== 0 && (seen & inside2) === 0 && (seen & outside) !== 0;
      if (against(POSITION.inInside, POSITION.inOutside) || against(POSITION.outInside, POSITION.outOutside)) return 0;
    }
    return expected - (this.counts.get(context)?.get(op) ?? 0);
  }
};
var show = (c) => c === "" ? "(root)" : c;
function attributeNodes(input) {
  const { index: index2, known } = input;
  const n = index2.nodes.length;
  const out = new Array(n).fill(null);
  const pending = [];
  let main = 0;
  for (let k = 0; k < n; k++) {
    const e = index2.nodes[k];
    if (e.graph !== "") continue;
    main++;
    if (known[e.index] === null) pending.push(e.index);
  }
  if (pending.length === 0) return out;
  let producers;
  const inputSets = /* @__PURE__ */ new Map();
  const analogy = new SiblingAnalogy(index2, input.tree, known, pending, input.shapes);
  const sources = {
    analogy,
    structure: new LayerOpCounts(index2, input.tree, known, new Set(pending.map((u) => index2.nodes[u].node.opType)), (i) => analogy.structuralKeys(i)),
    inlined: inlinedInstances(index2, known, input.tree.naming),
    sequence: new SequenceParts(index2, input.tree, known, (module) => analogy.opCountsOf(module)),
    opsOf: (module) => analogy.opCountsOf(module),
    producerOf: (t) => {
      if (!producers) {
        producers = /* @__PURE__ */ new Map();
        for (let k = 0; k < n; k++) {
          const e = index2.nodes[k];
          if (e.graph === "") {
            for (const o of e.node.outputs) if (o !== "") producers.set(o, e.index);
          }
        }
      }
      return producers.get(t);
    },
    inputSet: (i) => {
      let s = inputSets.get(i);
      if (!s) inputSets.set(i, s = new Set(index2.nodes[i].node.inputs));
      return s;
    }
  };
  let state = known;
  let confidence = known.map((k) => k === null ? 0 : 1);
  let left = pending;
  for (let round2 = 0; round2 < MAX_ROUNDS && left.length > 0; round2++) {
    const frozen = state;
    const frozenConfidence = confidence;
    const ctx = (j) => frozen[j] ?? null;
    const answers = /* @__PURE__ */ new Map();
    for (let k = 0; k < left.length; k++) {
      const u = left[k];
      const a = attributeOne(input, u, ctx, (j) => frozenConfidence[j] ?? 0, sources);
      if (a) answers.set(u, a);
    }
    if (answers.size === 0) break;
    const lastRound = round2 === MAX_ROUNDS - 1;
    const exact = (j) => answers.get(j)?.basis === "corroborated";
    const nextDoor = (u, f) => index2.producers.of(u).some(f) || index2.consumers.of(u).some(f);
    const waits = (u, a) => !lastRound && a.basis !== "corroborated" && nextDoor(u, exact);
    const placedNow = /* @__PURE__ */ new Set();
    for (const [u, a] of answers) if (!a.distant && !waits(u, a)) placedNow.add(u);
    const decided = [];
    const still = [];
    for (let k = 0; k < left.length; k++) {
      const u = left[k];
      const a = answers.get(u);
      const wait = a === void 0 || (a.distant ? !lastRound && nextDoor(u, (j) => placedNow.has(j)) : waits(u, a));
      if (a && !wait) decided.push([u, a]);
      else still.push(u);
    }
    const next = [...frozen];
    const nextConfidence = [...frozenConfidence];
    for (const [u, a] of decided) {
      out[u] = a;
      next[u] = a.context;
      nextConfidence[u] = a.confidence;
    }
    state = next;
    confidence = nextConfidence;
    left = still;
  }
  capOversubscribed(out, index2, sources.structure, pending.length / main);
  boundBySupporters(out, known);
  return out;
}
function sureness(known, attributions, j) {
  return known[j] !== null ? 1 : attributions[j]?.confidence ?? 0;
}
function boundBySupporters(out, known) {
  const sure = (j) => sureness(known, out, j);
  const waiting = [];
  for (let u = 0; u < out.length; u++) if (out[u]?.supporters) waiting.push(u);
  for (let changed = true; changed; ) {
    changed = false;
    for (const u of waiting) {
      const a = out[u];
      let bound = 0;
      for (const j of a.supporters) bound = Math.max(bound, sure(j));
      if (a.confidence <= bound) continue;
      const why = `the neighbours it rests on are at most ${bound} sure`;
      out[u] = { ...a, confidence: bound, reasons: a.reasons.includes(why) ? a.reasons : [...a.reasons, why] };
      changed = true;
    }
  }
}
function capOversubscribed(out, index2, structure, lost) {
  const groups = /* @__PURE__ */ new Map();
  for (let u = 0; u < out.length; u++) {
    const a = out[u];
    if (!a) continue;
    const key = `${a.context}\0${index2.nodes[u].node.opType}`;
    (groups.get(key) ?? groups.set(key, []).get(key)).push(u);
  }
  const tops = /* @__PURE__ */ new Map();
  for (const list of groups.values()) {
    const first = out[list[0]];
    const op = index2.nodes[list[0]].node.opType;
    const instances = structure.instancesLike(first.context);
    if (!instances) continue;
    const total2 = (module) => structure.directCount(module, op) + (groups.get(`${module}\0${op}`)?.length ?? 0);
    const byOp = tops.get(instances) ?? tops.set(instances, /* @__PURE__ */ new Map()).get(instances);
    let top = byOp.get(op);
    if (!top) {
      top = { best: -1, atBest: 0, second: -1, atSecond: 0 };
      for (const c of instances) {
        const k = total2(c);
        if (k > top.best) [top.second, top.atSecond, top.best, top.atBest] = [top.best, top.atBest, k, 1];
        else if (k === top.best) top.atBest++;
        else if (k > top.second) [top.second, top.atSecond] = [k, 1];
        else if (k === top.second) top.atSecond++;
      }
      byOp.set(op, top);
    }
    const mine = total2(first.context);
    const self2 = instances.has(first.context) && mine === top.best;
    const [most, atMost] = self2 && top.atBest === 1 ? [top.second, top.atSecond] : [top.best, self2 ? top.atBest - 1 : top.atBest];
    const others = instances.size - (instances.has(first.context) ? 1 : 0);
    const own = structure.directCount(first.context, op);
    if (atMost < 2 || most <= 0 || own > most || mine <= most) continue;
    const room = most - own;
    const counted = 1 - Math.pow(1 - Math.pow(1 - lost, most), others);
    const bound = Math.floor((1 - counted + counted * room / list.length) * 1e3) / 1e3;
    const why = `${list.length} nodes inferred for ${show(first.context)}, where the instances like it leave room for ${room} more ${op}: at most ${bound} sure each`;
    for (const u of list) {
      const a = out[u];
      if (a.confidence > bound) out[u] = { ...a, confidence: bound, reasons: [...a.reasons, why] };
    }
  }
}
function attributeOne(input, u, ctx, sureOf, sources) {
  const { index: index2, tree } = input;
  const { analogy, structure, inlined } = sources;
  const entry2 = index2.nodes[u];
  const node = entry2.node;
  const votes = [];
  const around = neighbourhood(index2, u, (j) => ctx(j) !== null);
  if (CONVERSION_OPS.has(node.opType) && node.inputs[0] && (!MODEL_CONVERSION_OPS.has(node.opType) || isConverterCastName(node.name))) {
    const owner = valueOwner(input, node.inputs[0], ctx, sources.producerOf);
    if (owner !== null) votes.push({ context: owner.context, weight: WEIGHT.conversion, kind: "conversion", why: `converts ${owner.what}` });
  }
  for (const name of node.inputs) {
    if (!index2.initializers.has(name)) continue;
    const owner = parameterOwner(tree, name);
    if (owner !== void 0) votes.push({ context: owner, weight: WEIGHT.parameter, kind: "parameter", why: `uses parameter ${name}` });
  }
  const analogies = analogy.answersFor(u, ctx);
  const support = analogies.reduce((s, a2) => s + a2.support, 0);
  for (const a2 of analogies) {
    votes.push({ context: a2.context, weight: WEIGHT.analogy * a2.support / support, kind: "analogy", why: `its counterpart ${a2.examples[0]} in a sibling layer runs in the same place` });
  }
  const call = inlinedCall(node);
  const callInstance = call === null ? null : inlined.get(call) ?? null;
  if (callInstance !== null) votes.push({ context: callInstance, weight: WEIGHT.inlined, kind: "inlined", why: `inlined from the same call as other nodes of ${callInstance}` });
  for (const c of index2.consumers.of(u)) {
    const b = ctx(c);
    if (b === null) continue;
    const theirs = sources.inputSet(c);
    if (node.inputs.some((t2) => t2 !== "" && theirs.has(t2))) votes.push({ context: b, weight: WEIGHT.fork, kind: "fork", why: `${index2.nodes[c].node.opType} in ${show(b)} reads its input too` });
  }
  const producers = around.producers.map((j) => ctx(j));
  const consumers = around.consumers.map((j) => ctx(j));
  const named = [...producers, ...consumers];
  for (const c of producers) votes.push({ context: c, weight: WEIGHT.dataflow / producers.length, kind: "dataflow", why: `reads from ${show(c)}` });
  for (const c of consumers) votes.push({ context: c, weight: WEIGHT.dataflow / consumers.length, kind: "dataflow", why: `feeds ${show(c)}` });
  const chain = /* @__PURE__ */ new Set();
  for (const c of named) {
    for (let p = c; ; ) {
      chain.add(p);
      if (p === "") break;
      p = parentPath(p);
    }
  }
  for (const c of named) {
    if (c === "") continue;
    for (const s of tree.get(parentPath(c))?.children ?? []) {
      const ops = sources.opsOf(s);
      if (ops?.size === 1 && ops.has(node.opType)) chain.add(s);
    }
  }
  for (const c of [...chain].sort()) {
    if (structure.deficit(c, node.opType, u) > 0) votes.push({ context: c, weight: WEIGHT.structure, kind: "structure", why: `the other instances of ${show(tree.naming.templateOf(c))} have one more ${node.opType}` });
  }
  for (const c of sources.sequence.candidatesFor(u, ctx, sureOf)) votes.push({ context: c.context, weight: WEIGHT.sequence, kind: "sequence", why: c.why });
  const sides = deepest(named);
  if (sides.length === 2 && votes.every((v) => v.kind === "dataflow") && sides.every((c) => tree.get(c)?.children.length === 0 && !sources.opsOf(c)?.has(node.opType))) {
    const [a2, b] = sides.map((c) => callerOf(tree, c));
    if (a2 === b) votes.push({ context: a2, weight: 0, kind: "dataflow", why: `runs between ${sides.map(show).join(" and ")}, which run no ${node.opType}` });
  }
  if (votes.length === 0) return null;
  const direct = (list) => list.flatMap((j) => input.known[j] ?? []);
  let within = enclosingCall(direct(index2.producers.of(u)), direct(index2.consumers.of(u)));
  if (within !== null && within !== "" && looksLikeTwoCalls(index2, input.known, u, within)) within = null;
  const t = tally(votes, within);
  const dataflow = deepest(named);
  let basis;
  let confidence;
  if (t.rival > 0) {
    basis = "contested";
    const margin = t.score / (t.score + t.rival);
    const k = ATTRIBUTION_CONFIDENCE.contested;
    confidence = Math.min(k.ceiling, Math.max(k.floor, k.floor + (k.ceiling - k.floor) * (margin - k.from) / (k.to - k.from)));
  } else if (t.kinds.has("conversion") || t.kinds.has("parameter") || t.kinds.has("analogy")) {
    basis = "corroborated";
    confidence = ATTRIBUTION_CONFIDENCE.corroborated;
  } else if (new Set(named).size > 1) {
    basis = "chain";
    confidence = ATTRIBUTION_CONFIDENCE.chain;
    const enclosing = named.some((c) => c !== t.context && isAncestorOrSelf(t.context, c));
    if (enclosing && analogy.runsAsOwnModule(node.opType)) confidence = ATTRIBUTION_CONFIDENCE.chainOwnModule;
  } else {
    basis = producers.length > 0 && consumers.length > 0 ? "bothSides" : producers.length > 0 ? "producersOnly" : "consumersOnly";
    confidence = ATTRIBUTION_CONFIDENCE[basis];
    if (basis === "consumersOnly" && !readsOnlyInitializers(index2, u) && !sources.opsOf(t.context)?.has(node.opType)) {
      confidence = ATTRIBUTION_CONFIDENCE.consumersOnlyForeign;
    }
  }
  const winnerOps = sources.opsOf(t.context) ?? opsOfLike(structure, sources, t.context);
  const foreignLeaf = [...t.kinds].every((k) => k === "dataflow") && (tree.get(t.context)?.children.length ?? 0) === 0 && winnerOps !== void 0 && !winnerOps.has(node.opType);
  const oneSided = within !== t.context && (basis === "contested" || basis === "consumersOnly" || basis === "producersOnly");
  if (oneSided && foreignLeaf) {
    confidence = Math.min(confidence, ATTRIBUTION_CONFIDENCE.foreignLeaf[basis === "contested" ? "contested" : "unopposed"]);
  }
  const supporters = [...around.producers, ...around.consumers].filter((j) => {
    const c = ctx(j);
    return isAncestorOrSelf(t.context, c) || isAncestorOrSelf(c, t.context);
  });
  const dataflowOnly = basis !== "corroborated" && !t.kinds.has("inlined");
  if (dataflowOnly && supporters.length > 0) confidence = Math.min(confidence, Math.max(...supporters.map(sureOf)));
  const lifted = t.kinds.has("structure") && named.length > 0 && named.every((c) => c !== t.context && isAncestorOrSelf(t.context, c));
  if (lifted && named.some((c) => sources.opsOf(c)?.has(node.opType))) confidence = Math.min(confidence, ATTRIBUTION_CONFIDENCE.liftedPastOwnOp);
  if (dataflowOnly && structure.runsNone(t.context, node.opType)) confidence = Math.min(confidence, ATTRIBUTION_CONFIDENCE.foreignKind);
  const adjacent = (j) => index2.producers.has(u, j) || index2.consumers.has(u, j);
  const distant = dataflowOnly && supporters.length > 0 && !supporters.some(adjacent);
  const boundary = dataflow.length > 1 && !(callInstance !== null && isAncestorOrSelf(callInstance, t.context));
  let context = t.context;
  if (basis === "producersOnly" && foreignLeaf) {
    context = callerOf(tree, t.context);
    confidence = ATTRIBUTION_CONFIDENCE.gluePastLeaf;
  }
  const reasons = context === t.context ? t.reasons : [...t.reasons, `runs after ${show(t.context)}, which runs no ${node.opType}: glue of its caller ${show(context)}`];
  const a = { context, confidence: Math.round(confidence * 1e3) / 1e3, basis, distant, reasons, dataflow: boundary ? dataflow : [], around };
  if (dataflowOnly && supporters.length > 0) a.supporters = supporters;
  return a;
}
var MAX_CALL_PAIRS = 4096;
function enclosingCall(producers, consumers) {
  let call = null;
  const ins = new Set(producers);
  const outs = new Set(consumers);
  if (ins.size * outs.size > MAX_CALL_PAIRS) return null;
  for (const p of ins) {
    for (const c of outs) {
      const m = lowestCommonAncestor([p, c]);
      if (call === null || isAncestorOrSelf(call, m)) call = m;
      else if (!isAncestorOrSelf(m, call)) return null;
    }
  }
  return call;
}
var CALL_DEPTH = 3;
function looksLikeTwoCalls(index2, known, u, module) {
  const inModule = (j) => {
    const c = known[j];
    return c !== null && c !== void 0 && isAncestorOrSelf(module, c);
  };
  const side = (next) => {
    const ops = /* @__PURE__ */ new Set();
    let level = next.of(u).filter(inModule);
    const seen = /* @__PURE__ */ new Set([u]);
    for (let d = 0; d < CALL_DEPTH && level.length > 0; d++) {
      const following = [];
      for (const j of level) {
        if (seen.has(j)) continue;
        seen.add(j);
        ops.add(index2.nodes[j].node.opType);
        for (const k of next.of(j)) if (inModule(k)) following.push(k);
      }
      level = following;
    }
    return ops;
  };
  const before = side(index2.producers);
  const after = side(index2.consumers);
  return before.size === after.size && [...before].every((op) => after.has(op));
}
function valueOwner(input, tensor, ctx, producerOf) {
  let t = tensor;
  for (let hop = 0; hop < 8; hop++) {
    if (input.index.initializers.has(t)) {
      const owner = parameterOwner(input.tree, t);
      return owner === void 0 ? null : { context: owner, what: `parameter ${t}` };
    }
    if (input.index.graphInputs.has(t)) return { context: "", what: `graph input ${t}` };
    const p = producerOf(t);
    if (p === void 0) return null;
    const c = ctx(p);
    if (c !== null) return { context: c, what: `the output of ${show(c)}` };
    const pn = input.index.nodes[p].node;
    if (!CONVERSION_OPS.has(pn.opType) || !pn.inputs[0]) return null;
    t = pn.inputs[0];
  }
  return null;
}
var EXACT = /* @__PURE__ */ new Set(["conversion", "parameter", "analogy", "structure", "sequence", "fork"]);
function tally(votes, within = null) {
  const exact = /* @__PURE__ */ new Map();
  const near = /* @__PURE__ */ new Map();
  for (const v of votes) {
    const m = EXACT.has(v.kind) ? exact : near;
    m.set(v.context, (m.get(v.context) ?? 0) + v.weight);
  }
  const contexts = [.../* @__PURE__ */ new Set([...exact.keys(), ...near.keys()])];
  const support = (c) => (exact.get(c) ?? 0) + [...near].reduce((s, [d, w]) => s + (isAncestorOrSelf(c, d) ? w : 0), 0);
  const depth = (c) => c === "" ? 0 : c.split(".").length;
  const rank = (list) => list.map((c) => ({ c, exact: exact.get(c) ?? 0, all: support(c) })).sort((a, b) => b.all - a.all || b.exact - a.exact || depth(b.c) - depth(a.c) || (a.c < b.c ? -1 : 1));
  const ranked = rank(contexts);
  let winner = ranked[0];
  if (within !== null && within !== "" && winner.c !== within && isAncestorOrSelf(winner.c, within)) {
    const inside2 = contexts.filter((c) => isAncestorOrSelf(within, c));
    winner = rank(inside2.length > 0 ? inside2 : [within])[0];
  }
  let rival = 0;
  for (const r of ranked) if (conflicts(r.c, winner.c)) rival = Math.max(rival, r.all);
  const kinds = /* @__PURE__ */ new Set();
  const reasons = [];
  for (const v of votes) {
    if (!isAncestorOrSelf(v.context, winner.c) && !isAncestorOrSelf(winner.c, v.context)) continue;
    kinds.add(v.kind);
    if (v.context === winner.c && !reasons.includes(v.why)) reasons.push(v.why);
  }
  return { context: winner.c, score: winner.all, rival, kinds, reasons };
}
var likeOps = /* @__PURE__ */ new WeakMap();
function opsOfLike(structure, sources, context) {
  const like = structure.instancesLike(context);
  if (!like) return void 0;
  if (likeOps.has(like)) return likeOps.get(like);
  let out;
  for (const other of like) {
    for (const op of sources.opsOf(other)?.keys() ?? []) (out ??= /* @__PURE__ */ new Set()).add(op);
  }
  likeOps.set(like, out);
  return out;
}

// src/contamination/detect.ts
function evidenceItems(ev, tree) {
  const items = [];
  if (ev.exporter) {
    const item = { source: ev.exporter.source, context: ev.exporter.path };
    const cp = tree.classPathOf(ev.exporter.path);
    if (cp) item.classPath = cp;
    items.push(item);
  }
  for (const t of ev.tags) {
    const item = { source: t.source, context: t.path ?? null };
    if (t.classPath) item.classPath = t.classPath;
    items.push(item);
  }
  return items;
}
function tagLabel(t) {
  return t.path ?? t.classPath ?? "";
}
function tagConflictsPath(t, path6, tree) {
  const paths = tagPaths(t);
  if (paths.length > 0) return paths.every((p) => conflicts(p, path6));
  if (t.classPath === void 0) return false;
  if (tree.hasClasses) return true;
  const a = classPathIndices(t.classPath);
  const b = instanceIndices(path6);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return true;
  return false;
}
function tagsConflict(a, b, tree) {
  const pa = tagPaths(a);
  const pb = tagPaths(b);
  if (pa.length > 0 && pb.length > 0) return pa.every((x) => pb.every((y) => conflicts(x, y)));
  if (a.classPath !== void 0 && b.classPath !== void 0) return classPathsConflict(a.classPath, b.classPath);
  const withPaths = pa.length > 0 ? pa : pb;
  const other = pa.length > 0 ? b : a;
  return withPaths.every((p) => tagConflictsPath(other, p, tree));
}
function scopeOf2(contexts) {
  if (contexts.every((c) => !c.startsWith("/"))) return groupScope(contexts);
  const idx = (c) => c.startsWith("/") ? classPathIndices(c) : instanceIndices(c);
  for (let i = 0; i < contexts.length; i++) {
    for (let j = i + 1; j < contexts.length; j++) {
      const a = idx(contexts[i]);
      const b = idx(contexts[j]);
      for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return "cross-layer";
    }
  }
  return "cross-module";
}
function detectCases(input) {
  const { index: index2, evidence, tree } = input;
  const n = index2.nodes.length;
  const known = new Array(n).fill(null);
  const direct = new Array(n).fill(null);
  const tagCases = [];
  for (let i = 0; i < n; i++) {
    const ev = evidence[i];
    if (ev.exporter) {
      known[i] = ev.exporter.path;
      direct[i] = ev.exporter.source === "tensor-name" ? "tensor-name" : "scope";
      const bad = ev.tags.filter((t) => tagConflictsPath(t, ev.exporter.path, tree));
      if (bad.length > 0) {
        tagCases.push({ node: i, kind: "tag-conflicts-scope", contexts: deepestLabels([ev.exporter.path, ...bad.map(tagLabel)]), tags: bad });
      }
    } else if (ev.tags.length > 0) {
      let conflict = false;
      for (let a = 0; a < ev.tags.length && !conflict; a++) {
        for (let b = a + 1; b < ev.tags.length && !conflict; b++) conflict = tagsConflict(ev.tags[a], ev.tags[b], tree);
      }
      if (conflict) {
        tagCases.push({ node: i, kind: "conflicting-tags", contexts: deepestLabels(ev.tags.map(tagLabel)), tags: ev.tags });
      } else {
        const paths = ev.tags.map((t) => t.path).filter((p) => p !== void 0);
        if (paths.length > 0) {
          known[i] = deepest(paths)[0];
          direct[i] = "tag";
        }
      }
    }
  }
  const isKnown = (j) => known[j] !== null;
  let shapes;
  const instanceShapes = () => shapes ??= new InstanceShapes(index2, known, tree.naming);
  const spansLayers = (contexts) => instanceShapes().spansLayers(contexts);
  const usersSpan = (i, users) => readsOnlyInitializers(index2, i) ? instanceShapes().spansInstances(users) : instanceShapes().spansLayers(users, true);
  const caseNodes = /* @__PURE__ */ new Set();
  const cases = tagCases.map((c) => {
    caseNodes.add(c.node);
    return {
      node: c.node,
      kind: c.kind,
      scope: scopeOf2(c.contexts),
      contexts: c.contexts,
      evidence: evidenceItems(evidence[c.node], tree),
      around: neighbourhood(index2, c.node, isKnown)
    };
  });
  for (let i = 0; i < n; i++) {
    const own = known[i] ?? null;
    if (own === null || caseNodes.has(i) || index2.nodes[i].graph !== "") continue;
    const shared = sharedUse(input, i, own, known, usersSpan);
    if (!shared) continue;
    caseNodes.add(i);
    cases.push({ node: i, kind: "shared-across-modules", scope: "cross-layer", contexts: deepest([own, ...shared.users]), evidence: evidenceItems(evidence[i], tree), around: shared.around });
  }
  const attributions = attributeNodes({ index: index2, tree, known, shapes: instanceShapes });
  for (let i = 0; i < n; i++) {
    const a = attributions[i];
    if (!a || caseNodes.has(i) || a.dataflow.length < 2) continue;
    const users = deepest(userModules(index2, i, known));
    if (!(spansLayers(a.dataflow) || usersSpan(i, users))) continue;
    caseNodes.add(i);
    cases.push({ node: i, kind: "shared-across-modules", scope: "cross-layer", contexts: a.dataflow, evidence: evidenceItems(evidence[i], tree), around: a.around });
  }
  cases.sort((a, b) => index2.nodes[a.node].id < index2.nodes[b.node].id ? -1 : index2.nodes[a.node].id > index2.nodes[b.node].id ? 1 : 0);
  return { known, direct, cases, attributions };
}
function sharedUse(input, i, own, known, usersSpan) {
  const { index: index2 } = input;
  let first;
  let several = false;
  const { start, targets } = index2.consumers;
  for (let e = start[i]; e < start[i + 1]; e++) {
    const k = known[targets[e]];
    if (k === null || k === void 0) continue;
    if (first === void 0) first = k;
    else if (k !== first) {
      several = true;
      break;
    }
  }
  if (!several) return null;
  const deep = deepest(userModules(index2, i, known));
  if (deep.length < 2 || !usersSpan(i, deep) || !deep.some((u) => conflicts(u, own))) return null;
  const common = lowestCommonAncestor(deep);
  for (const p of index2.producers.of(i)) {
    const k = known[p];
    if (k === null || k === void 0 || !isAncestorOrSelf(k, common)) return null;
  }
  for (const t of index2.nodes[i].node.inputs) {
    if (index2.initializers.has(t) && mayBeStateDictName(t) && t.startsWith(own + ".")) return null;
  }
  return { users: deep, around: neighbourhood(index2, i, (j) => known[j] !== null) };
}
function userModules(index2, i, known) {
  const out = [];
  const { start, targets } = index2.consumers;
  for (let e = start[i]; e < start[i + 1]; e++) {
    const k = known[targets[e]];
    if (k !== null && k !== void 0) out.push(k);
  }
  return out;
}
function deepestLabels(labels) {
  const paths = labels.filter((l) => !l.startsWith("/"));
  const classPaths = [...new Set(labels.filter((l) => l.startsWith("/")))].sort();
  return [...deepest(paths), ...classPaths];
}

// src/contamination/resolve.ts
var DEFAULT_CONFIDENCE_THRESHOLD = 0.7;
var CONFIDENCE = { exporterScope: 0.95, tensorName: 0.9, residual: 0.7, shared: 0.85 };
var ADD_LIKE = /* @__PURE__ */ new Set(["Add", "Sum"]);
var show2 = (c) => c === "" ? "(root)" : c;
function resolved(strategy, primary, auxiliary, confidence, reasoning) {
  return { status: "resolved", primary, auxiliary: [...new Set(auxiliary)].filter((a) => a !== primary).sort(), confidence: round(confidence), strategy, reasoning };
}
function round(x) {
  return Math.round(x * 1e3) / 1e3;
}
function ctxList(nodes, placed) {
  return nodes.map((i) => placed[i] ?? null).filter((c) => c !== null);
}
function restingOn(confidence, d, r) {
  let c = confidence;
  for (const list of [d.around.producers, d.around.consumers]) for (const j of list) if (r.placed[j] !== null) c = Math.min(c, r.sureness[j]);
  return c;
}
function tryExporterScope(d, r) {
  if (d.kind !== "tag-conflicts-scope") return null;
  const scope = r.evidence[d.node].exporter;
  const others = d.contexts.filter((c) => c !== scope.path);
  const what = scope.source === "scope" ? "node-name scope" : scope.source === "dynamo" ? "dynamo name_scopes" : "scoped name of the value it computes";
  return resolved(
    "exporter-scope",
    scope.path,
    [],
    scope.source === "tensor-name" ? CONFIDENCE.tensorName : CONFIDENCE.exporterScope,
    `the exporter's ${what} says ${show2(scope.path)}; the recorded tag (${others.map(show2).join(", ")}) contradicts it and is set aside`
  );
}
function tryResidual(d, r) {
  const op = r.index.nodes[d.node].node.opType;
  if (!ADD_LIKE.has(op)) return null;
  const producers = deepest(ctxList(d.around.producers, r.placed));
  const consumers = ctxList(d.around.consumers, r.placed);
  if (producers.length < 2 || consumers.length === 0) return null;
  const depthWith = (p) => atoms(lowestCommonAncestor([p, ...consumers])).length;
  const ranked = [...producers].sort((a, b) => depthWith(b) - depthWith(a) || (a < b ? -1 : 1));
  const branch = ranked[0];
  const skips = ranked.slice(1);
  const blockDepth = depthWith(branch);
  if (skips.some((s) => depthWith(s) >= blockDepth)) return null;
  const primary = residualOwner(r, branch, consumers);
  if (primary === "" || skips.some((s) => !conflicts(s, primary) && !isAncestorOrSelf(s, primary))) return null;
  if (d.kind === "conflicting-tags" && !d.contexts.some((c) => isAncestorOrSelf(primary, c) || isAncestorOrSelf(c, primary))) return null;
  return resolved(
    "residual-connection",
    primary,
    skips,
    restingOn(CONFIDENCE.residual, d, r),
    `${op} joins a skip tensor from ${skips.map(show2).join(", ")} with the branch from ${show2(branch)}, consumed in ${show2(primary)}: it belongs to the consuming block`
  );
}
function residualOwner(r, branch, consumers) {
  const a = atoms(branch);
  if (consumers.every((c) => c === branch) && r.tree.get(branch)?.children.length === 0) return a.slice(0, -1).join(".");
  const lca = lowestCommonAncestor([branch, ...consumers]);
  const instance = r.tree.naming.instanceOf(branch);
  if (instance && lca !== instance.path && isAncestorOrSelf(lca, instance.path)) return instance.path;
  if (r.tree.has(lca)) return lca;
  return a.slice(0, atoms(lca).length + 1).join(".");
}
function tryProvenance(d, r) {
  const a = r.attributions[d.node];
  if (!a) return { resolution: null, guess: null };
  const answer = { context: a.context, confidence: a.confidence, reasons: a.reasons };
  if (d.kind === "conflicting-tags" && !d.contexts.some((c) => isAncestorOrSelf(answer.context, c) || isAncestorOrSelf(c, answer.context))) {
    return { resolution: null, guess: answer };
  }
  const aux = d.contexts.filter((c) => !c.startsWith("/") && conflicts(c, answer.context));
  return {
    resolution: resolved("tensor-provenance", answer.context, aux, answer.confidence, `${show2(answer.context)}: ${answer.reasons.slice(0, 3).join("; ")}`),
    guess: answer
  };
}
function tryShared(d, r) {
  const all = ctxList(d.around.consumers, r.placed);
  const users = deepest(all);
  if (users.length < 2) return null;
  const common = lowestCommonAncestor([...new Set(all)]);
  const producers = deepest(ctxList(d.around.producers, r.placed));
  if (producers.some((p) => !isAncestorOrSelf(p, common))) return null;
  const primary = producers.length === 1 ? producers[0] : common;
  const fed = producers.length === 1 ? `computed from ${show2(producers[0])} and ` : "";
  return resolved(
    "shared-node",
    primary,
    users,
    restingOn(CONFIDENCE.shared, d, r),
    `${fed}used by ${users.length} conflicting modules (${users.map(show2).join(", ")}): assigned to ${producers.length === 1 ? "the module that feeds them" : "their common ancestor"} ${show2(primary)}`
  );
}
function resolveCases(drafts, r) {
  return drafts.map((d) => {
    const p = tryProvenance(d, r);
    const best = tryExporterScope(d, r) ?? tryResidual(d, r) ?? tryShared(d, r) ?? p.resolution;
    if (best && best.confidence >= r.threshold) return { draft: d, resolution: best };
    let resolution;
    if (best) {
      resolution = {
        status: "unresolved",
        primary: best.primary,
        auxiliary: best.auxiliary,
        confidence: best.confidence,
        strategy: null,
        reasoning: `the best answer, ${show2(best.primary)} by ${best.strategy} at ${best.confidence}, is below the threshold ${r.threshold}: ${best.reasoning}`
      };
    } else if (p.guess) {
      const g = p.guess;
      resolution = {
        status: "unresolved",
        primary: g.context,
        auxiliary: [],
        confidence: round(g.confidence),
        strategy: null,
        reasoning: `no strategy reached the threshold ${r.threshold}: the best guess ${show2(g.context)} has ${round(g.confidence)} (${g.reasons.slice(0, 2).join("; ")})`
      };
    } else {
      resolution = { status: "unresolved", primary: null, auxiliary: [], confidence: 0, strategy: null, reasoning: "no strategy applies and the neighbourhood gives no testimony" };
    }
    return { draft: d, resolution };
  });
}

// src/analyze.ts
var TENSOR_NAME_CONFIDENCE = 0.98;
var NO_AUXILIARY = Object.freeze([]);
var NO_OUTCOME = Object.freeze({ primary: null, auxiliary: NO_AUXILIARY, decidedBy: "none", confidence: 0 });
function analyzeModel(input, options = {}) {
  const threshold = options.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  const now = options.now ?? (() => 0);
  const timings = {};
  let t0 = now();
  const lap = (stage) => {
    const t = now();
    timings[stage] = round(t - t0);
    t0 = t;
  };
  const index2 = buildGraphIndex(input.model);
  lap("index");
  const { evidence, tree } = collectEvidence(index2, input.sidecars ?? {});
  lap("evidence");
  const detection = detectCases({ index: index2, evidence, tree });
  lap("detect");
  const known = detection.known;
  const placed = known.map((k, i) => k ?? detection.attributions[i]?.context ?? null);
  const sure = known.map((_, i) => sureness(known, detection.attributions, i));
  const rctx = { index: index2, evidence, tree, placed, sureness: sure, attributions: detection.attributions, threshold };
  const outcomes = new Array(index2.nodes.length);
  const directOutcome = (i) => {
    const d = detection.direct[i];
    if (d === "tensor-name") return { primary: known[i], auxiliary: NO_AUXILIARY, decidedBy: "tensor-name", confidence: TENSOR_NAME_CONFIDENCE };
    if (d === null || d === void 0) return void 0;
    const absorbed = d === "scope" ? evidence[i].absorbed : void 0;
    return { primary: known[i], auxiliary: absorbed && absorbed.length > 0 ? [...absorbed] : NO_AUXILIARY, decidedBy: d, confidence: 1 };
  };
  const outcomeOf = (i) => outcomes[i] ?? directOutcome(i);
  for (let i = 0; i < index2.nodes.length; i++) {
    const d = detection.direct[i];
    if (d !== null && d !== void 0) continue;
    const a = detection.attributions[i];
    if (a) outcomes[i] = { primary: a.context, auxiliary: NO_AUXILIARY, decidedBy: "neighbourhood", confidence: a.confidence, basis: a.basis };
  }
  const resolvedCases = resolveCases(detection.cases, rctx);
  for (const { draft, resolution } of resolvedCases) {
    outcomes[draft.node] = { primary: resolution.primary, auxiliary: resolution.auxiliary, decidedBy: "case", confidence: resolution.confidence };
  }
  lap("resolve");
  inheritNested(index2, outcomes, outcomeOf);
  const nodes = index2.nodes.map((entry2, i) => {
    const o = outcomeOf(i) ?? NO_OUTCOME;
    const classPath = o.primary !== null ? tree.classPathOf(o.primary) : void 0;
    return nodeResult(entry2.id, entry2.node, o, classPath || void 0, o.decidedBy === "neighbourhood" ? o.basis || void 0 : void 0);
  });
  const cases = resolvedCases.map(({ draft, resolution }) => {
    const entry2 = index2.nodes[draft.node];
    const cp = resolution.primary !== null ? tree.classPathOf(resolution.primary) : void 0;
    const c = {
      id: `${draft.kind}:${entry2.id}`,
      node: entry2.id,
      opType: entry2.node.opType,
      kind: draft.kind,
      scope: draft.scope,
      contexts: draft.contexts,
      evidence: draft.evidence,
      neighbourhood: {
        producers: uniqueSorted(draft.around.producers.map((j) => placed[j])),
        consumers: uniqueSorted(draft.around.consumers.map((j) => placed[j])),
        producerNodes: uniqueSorted(draft.around.producers.map((j) => index2.nodes[j].id)),
        consumerNodes: uniqueSorted(draft.around.consumers.map((j) => index2.nodes[j].id))
      },
      resolution: cp ? { ...resolution, primaryClassPath: cp } : { ...resolution }
    };
    const stack = evidence[draft.node].stack;
    if (stack) c.source = stack;
    return c;
  });
  const counts = countModel(nodes, cases, evidence, threshold);
  const report = {
    model: input.name,
    bytes: input.model.byteLength,
    irVersion: input.model.irVersion,
    producer: { name: input.model.producerName, version: input.model.producerVersion },
    opsets: input.model.opsetImports.map((o) => ({ domain: o.domain, version: o.version })),
    sidecars: [...input.sidecarFiles ?? []],
    counts,
    modules: summariseModules(tree, nodes, cases),
    cases,
    nodes
  };
  lap("report");
  if (options.timings) report.timings = timings;
  return report;
}
function nodeResult(id, node, o, classPath, basis) {
  const { name, opType } = node;
  const { primary, auxiliary, decidedBy, confidence } = o;
  if (classPath !== void 0) {
    if (basis !== void 0) return { id, name, opType, primary, auxiliary, decidedBy, confidence, classPath, basis };
    return { id, name, opType, primary, auxiliary, decidedBy, confidence, classPath };
  }
  if (basis !== void 0) return { id, name, opType, primary, auxiliary, decidedBy, confidence, basis };
  return { id, name, opType, primary, auxiliary, decidedBy, confidence };
}
function inheritNested(index2, outcomes, outcomeOf) {
  const callSites = /* @__PURE__ */ new Map();
  for (const entry2 of index2.functions.size > 0 ? index2.nodes : []) {
    if (entry2.graph !== "") continue;
    const key = functionKey(entry2.node.domain, entry2.node.opType);
    if (index2.functions.has(key)) (callSites.get(key) ?? callSites.set(key, []).get(key)).push(entry2.index);
  }
  for (let i = 0; i < index2.nodes.length; i++) {
    const entry2 = index2.nodes[i];
    if (entry2.graph === "" || outcomeOf(entry2.index)) continue;
    if (entry2.owner !== void 0) {
      let owner = entry2.owner;
      while (owner !== void 0 && !outcomeOf(owner)) owner = index2.nodes[owner].owner;
      const o = owner !== void 0 ? outcomeOf(owner) : void 0;
      if (o && o.primary !== null) outcomes[entry2.index] = { primary: o.primary, auxiliary: o.auxiliary, decidedBy: "neighbourhood", confidence: o.confidence };
    } else if (entry2.functionKey !== void 0) {
      const sites = (callSites.get(entry2.functionKey) ?? []).map((i2) => outcomeOf(i2)?.primary).filter((p) => p !== null && p !== void 0);
      if (sites.length === 0) continue;
      const unique = uniqueSorted(sites);
      outcomes[entry2.index] = {
        primary: lowestCommonAncestor(unique),
        auxiliary: unique.length > 1 ? unique : [],
        decidedBy: "neighbourhood",
        confidence: unique.length > 1 ? 0.85 : 1
      };
    }
  }
}
function uniqueSorted(xs) {
  if (xs.length <= 1) return xs.slice();
  if (xs.length === 2) {
    const [a, b] = xs;
    return a === b ? [a] : a < b ? [a, b] : [b, a];
  }
  return [...new Set(xs)].sort();
}
function countModel(nodes, cases, evidence, threshold) {
  const bySource = {};
  let withEvidence = 0;
  for (let i = 0; i < evidence.length; i++) {
    const ev = evidence[i];
    if (ev.tags.length === 0) {
      if (ev.exporter) {
        withEvidence++;
        bySource[ev.exporter.source] = (bySource[ev.exporter.source] ?? 0) + 1;
      }
      continue;
    }
    const sources = /* @__PURE__ */ new Set();
    if (ev.exporter) sources.add(ev.exporter.source);
    for (const t of ev.tags) sources.add(t.source);
    if (sources.size > 0) withEvidence++;
    for (const s of sources) bySource[s] = (bySource[s] ?? 0) + 1;
  }
  const casesByKind = {};
  const casesByScope = {};
  const resolvedByStrategy = {};
  let resolved2 = 0;
  let confidenceSum = 0;
  for (const c of cases) {
    casesByKind[c.kind] = (casesByKind[c.kind] ?? 0) + 1;
    casesByScope[c.scope] = (casesByScope[c.scope] ?? 0) + 1;
    if (c.resolution.status === "resolved") {
      resolved2++;
      confidenceSum += c.resolution.confidence;
      const s = c.resolution.strategy;
      resolvedByStrategy[s] = (resolvedByStrategy[s] ?? 0) + 1;
    }
  }
  let withPrimary = 0;
  let attributed = 0;
  let uncertain = 0;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.primary !== null) withPrimary++;
    if (n.decidedBy === "neighbourhood") {
      attributed++;
      if (n.confidence < threshold) uncertain++;
    }
  }
  return {
    nodes: nodes.length,
    bySource: sortKeys(bySource),
    withEvidence,
    attributed,
    unattributed: nodes.length - withPrimary,
    cases: cases.length,
    casesByKind: sortKeys(casesByKind),
    casesByScope: sortKeys(casesByScope),
    resolved: resolved2,
    resolvedByStrategy: sortKeys(resolvedByStrategy),
    unresolved: cases.length - resolved2,
    meanConfidence: resolved2 > 0 ? round(confidenceSum / resolved2) : null,
    coverage: nodes.length > 0 ? round(withPrimary / nodes.length) : 0,
    evidenceCoverage: nodes.length > 0 ? round(withEvidence / nodes.length) : 0,
    uncertain
  };
}
function sortKeys(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a < b ? -1 : 1));
}
function summariseModules(tree, nodes, cases) {
  const inferred = /* @__PURE__ */ new Set();
  const direct = /* @__PURE__ */ new Map();
  for (let i = 0; i < nodes.length; i++) {
    const primary = nodes[i].primary;
    if (primary === null) continue;
    if (!tree.has(primary)) {
      inferred.add(primary);
      tree.add(primary);
    }
    direct.set(primary, (direct.get(primary) ?? 0) + 1);
  }
  const caseCount = /* @__PURE__ */ new Map();
  const unresolved = /* @__PURE__ */ new Map();
  for (const c of cases) {
    for (const ctx of new Set(c.contexts)) {
      caseCount.set(ctx, (caseCount.get(ctx) ?? 0) + 1);
      if (c.resolution.status === "unresolved") unresolved.set(ctx, (unresolved.get(ctx) ?? 0) + 1);
    }
  }
  const modules = [...tree.modules.values()];
  const total2 = /* @__PURE__ */ new Map();
  for (const m of [...modules].reverse()) {
    const t = (direct.get(m.path) ?? 0) + m.children.reduce((s, c) => s + (total2.get(c) ?? 0), 0);
    total2.set(m.path, t);
  }
  return modules.map((m) => {
    const s = {
      path: m.path,
      name: m.name,
      parent: m.parent,
      nodes: direct.get(m.path) ?? 0,
      totalNodes: total2.get(m.path) ?? 0,
      cases: caseCount.get(m.path) ?? 0,
      unresolved: unresolved.get(m.path) ?? 0
    };
    if (m.className) s.className = m.className;
    if (m.classPath) s.classPath = m.classPath;
    if (inferred.has(m.path)) s.inferred = true;
    return s;
  });
}

// src/util/random.ts
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}

// src/eval/variants.ts
function cloneModel(model) {
  return {
    ...model,
    metadataProps: [...model.metadataProps],
    graph: {
      ...model.graph,
      nodes: model.graph.nodes.map((n) => ({ ...n, inputs: [...n.inputs], outputs: [...n.outputs], metadataProps: [...n.metadataProps] })),
      inputs: model.graph.inputs.map((v) => ({ ...v })),
      outputs: model.graph.outputs.map((v) => ({ ...v })),
      initializers: [...model.graph.initializers]
    }
  };
}
function classPathFor(path6, classes) {
  const root = classes.get("");
  if (!root) return void 0;
  let out = `/${root}`;
  const a = atoms(path6);
  for (let i = 1; i <= a.length; i++) {
    const p = a.slice(0, i).join(".");
    const cls = classes.get(p);
    if (cls === void 0) return void 0;
    if (cls === "ModuleList" || cls === "ModuleDict") continue;
    const last = a[i - 1];
    out += `/${cls}${isIndex(last) ? "." + last : ""}`;
  }
  return out;
}
function moduleListMetadata(truth) {
  return [META.modules, JSON.stringify(truth.map((m) => ({ path: m.path, class: m.class, qualname: m.qualname ?? m.class })))];
}
function shiftTags(model, truthScopes2, truth, fraction, seed) {
  const m = cloneModel(model);
  const random = seededRandom(seed);
  const classes = new Map(truth.map((t) => [t.path, t.class]));
  const paths = new Set(truth.map((t) => t.path));
  m.metadataProps.push(moduleListMetadata(truth));
  const shifted = /* @__PURE__ */ new Set();
  for (const node of m.graph.nodes) {
    const path6 = truthScopes2.get(node.name);
    if (path6 === void 0) continue;
    let tagPath = path6;
    if (random() < fraction) {
      const moved = shiftLayer(path6, paths);
      if (moved !== void 0) {
        tagPath = moved;
        shifted.add(node.name);
      }
    }
    node.metadataProps.push([META.module, tagPath]);
    const cp = classPathFor(tagPath, classes);
    if (cp) node.metadataProps.push([META.tag, cp]);
  }
  return { model: m, shifted };
}
function shiftLayer(path6, known) {
  const a = atoms(path6);
  for (let i = a.length - 1; i >= 0; i--) {
    if (!isIndex(a[i])) continue;
    for (const candidate of [Number(a[i]) + 1, 0]) {
      const b = [...a];
      b[i] = String(candidate);
      const p = b.join(".");
      if (p !== path6 && known.has(p)) return p;
    }
  }
  return void 0;
}
function renameOutputs(m, nodes, prefix) {
  const rename = /* @__PURE__ */ new Map();
  let k = 0;
  for (const node of nodes) {
    node.outputs = node.outputs.map((o) => {
      if (o === "") return o;
      const to = `${prefix}${k++}`;
      rename.set(o, to);
      return to;
    });
  }
  for (const node of m.graph.nodes) node.inputs = node.inputs.map((i) => rename.get(i) ?? i);
  for (const o of m.graph.outputs) o.name = rename.get(o.name) ?? o.name;
}
function stripScopes(model, truthScopes2, fraction, seed, keepValueNames = false) {
  const m = cloneModel(model);
  const random = seededRandom(seed);
  const stripped = /* @__PURE__ */ new Map();
  const originals = /* @__PURE__ */ new Map();
  const nodes = [];
  let k = 0;
  for (const node of m.graph.nodes) {
    const path6 = truthScopes2.get(node.name);
    if (path6 === void 0 || random() >= fraction) continue;
    const original = node.name;
    node.name = `${node.opType}_stripped_${k++}`;
    stripped.set(node.name, path6);
    originals.set(node.name, original);
    nodes.push(node);
  }
  if (!keepValueNames) renameOutputs(m, nodes, "stripped_t");
  return { model: m, stripped, originals };
}
function mergeConstants(model, truthScopes2, keepName = false) {
  const m = cloneModel(model);
  const groups = /* @__PURE__ */ new Map();
  for (const node of m.graph.nodes) {
    if (node.opType !== "Constant" || node.inputs.length > 0 || node.outputs.length !== 1) continue;
    const value = node.attributes.find((a) => a.name === "value")?.t;
    if (!value?.digest) continue;
    const key = `${value.dataType}:${value.dims.join("x")}:${value.digest}`;
    (groups.get(key) ?? groups.set(key, []).get(key)).push(node);
  }
  const rename = /* @__PURE__ */ new Map();
  const removed = /* @__PURE__ */ new Set();
  const merged = /* @__PURE__ */ new Map();
  let k = 0;
  for (const nodes of groups.values()) {
    const scoped = nodes.filter((n) => truthScopes2.has(n.name));
    const users = deepest(scoped.map((n) => truthScopes2.get(n.name)));
    const crossLayer = users.some((a, i) => users.slice(i + 1).some((b) => conflicts(a, b) && conflictScope(a, b) === "cross-layer"));
    if (scoped.length < 2 || !crossLayer) continue;
    const common = lowestCommonAncestor(scoped.map((n) => truthScopes2.get(n.name)));
    const keep = keepName ? scoped.find((n) => truthScopes2.get(n.name) !== common) : scoped[0];
    if (!keep) continue;
    for (const other of scoped) {
      if (other === keep) continue;
      rename.set(other.outputs[0], keep.outputs[0]);
      removed.add(other);
    }
    if (!keepName) {
      keep.name = `Constant_merged_${k}`;
      rename.set(keep.outputs[0], `merged_t${k}`);
      for (const other of scoped) if (other !== keep) rename.set(other.outputs[0], `merged_t${k}`);
      keep.outputs = [`merged_t${k}`];
      k++;
    }
    merged.set(keep.name, { users, common });
  }
  m.graph.nodes = m.graph.nodes.filter((n) => !removed.has(n));
  for (const node of m.graph.nodes) node.inputs = node.inputs.map((i) => rename.get(i) ?? i);
  for (const o of m.graph.outputs) if (rename.has(o.name)) o.name = rename.get(o.name);
  return { model: m, merged };
}
function genericWithDynamo(model, truthScopes2, truth, fraction, seed, keepValueNames = false) {
  const m = cloneModel(model);
  const random = seededRandom(seed);
  const classes = new Map(truth.map((t) => [t.path, t]));
  const out = /* @__PURE__ */ new Map();
  const withMetadata = /* @__PURE__ */ new Set();
  const originals = /* @__PURE__ */ new Map();
  if (!keepValueNames) renameOutputs(m, m.graph.nodes, "val_");
  m.graph.nodes.forEach((node, i) => {
    const path6 = truthScopes2.get(node.name);
    const generic = `node_${node.opType}_${i}`;
    originals.set(generic, node.name);
    node.name = generic;
    if (path6 === void 0) return;
    out.set(node.name, path6);
    if (random() >= fraction) return;
    const a = atoms(path6);
    const scopes = [""];
    for (let j = 1; j <= a.length; j++) {
      const p = a.slice(0, j).join(".");
      const cls = classes.get(p)?.class;
      if (cls === "ModuleList" || cls === "ModuleDict") continue;
      scopes.push(p);
    }
    const classList = scopes.map((p) => classes.get(p)?.qualname ?? classes.get(p)?.class ?? "");
    const repr = (xs) => `[${xs.map((x) => `'${x.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`).join(", ")}]`;
    node.metadataProps.push([META.dynamoScopes, repr([...scopes, node.name])]);
    node.metadataProps.push([META.dynamoClasses, repr([...classList, `aten.${node.opType.toLowerCase()}.default`])]);
    withMetadata.add(node.name);
  });
  return { model: m, truth: out, withMetadata, originals };
}

// src/eval/rewritten.ts
function tensorModules(model, scopes) {
  const out = /* @__PURE__ */ new Map();
  for (const n of model.graph.nodes) {
    const m = scopes.get(n.name);
    if (m === void 0) continue;
    for (const t of n.outputs) if (t !== "") out.set(t, m);
  }
  return out;
}
function identityTruth(model, scopes) {
  const truth = /* @__PURE__ */ new Map();
  for (const n of model.graph.nodes) {
    const m = scopes.get(n.name);
    if (m !== void 0) truth.set(n.name, [m]);
  }
  return truth;
}
function truthByTensors(original, scopes, rewritten) {
  const producer = /* @__PURE__ */ new Map();
  const calls = new Set(original.functions.map((f) => `${f.domain}:${f.name}`));
  for (const n of original.graph.nodes) for (const t of n.outputs) if (t !== "" && !calls.has(`${n.domain}:${n.opType}`)) producer.set(t, n);
  const stops = /* @__PURE__ */ new Set([...original.graph.initializers.map((t) => t.name), ...original.graph.inputs.map((v) => v.name)]);
  const truth = /* @__PURE__ */ new Map();
  const LIMIT = 64;
  for (const node of rewritten.graph.nodes) {
    if (node.name === "") continue;
    const boundary = new Set(node.inputs);
    const absorbed = /* @__PURE__ */ new Set();
    const stack = node.outputs.filter((t) => producer.has(t));
    if (stack.length === 0) continue;
    while (stack.length > 0 && absorbed.size < LIMIT) {
      const t = stack.pop();
      const p = producer.get(t);
      if (!p || absorbed.has(p)) continue;
      absorbed.add(p);
      for (const i of p.inputs) if (i !== "" && !boundary.has(i) && !stops.has(i)) stack.push(i);
    }
    const modules = /* @__PURE__ */ new Set();
    for (const p of absorbed) {
      const m = scopes.get(p.name);
      if (m !== void 0) modules.add(m);
    }
    if (modules.size > 0) truth.set(node.name, [...modules].sort());
  }
  return truth;
}
function shuffleNodes(model, scopes, seed) {
  const m = cloneModel(model);
  const random = seededRandom(seed);
  const nodes = m.graph.nodes;
  for (let i = nodes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [nodes[i], nodes[j]] = [nodes[j], nodes[i]];
  }
  return { model: m, truth: identityTruth(model, scopes), inserted: /* @__PURE__ */ new Map() };
}
var FLOAT = 1;
var FLOAT16 = 10;
var KEEP_FP32 = /* @__PURE__ */ new Set(["Softmax", "ReduceMean", "Pow", "Sqrt", "Erf", "Range", "CumSum", "TopK", "Resize"]);
function cast(name, input, output, to) {
  return {
    name,
    opType: "Cast",
    domain: "",
    overload: "",
    inputs: [input],
    outputs: [output],
    attributes: [{ name: "to", type: 2, i: to }],
    docString: "",
    metadataProps: []
  };
}
function fp16Style(model, scopes) {
  const m = cloneModel(model);
  const owner = tensorModules(model, scopes);
  const ownerOf = (t) => owner.get(t) ?? paramOwner(t) ?? "";
  const inserted = /* @__PURE__ */ new Map();
  const nodes = [];
  const renameInput = /* @__PURE__ */ new Map();
  m.graph.inputs.forEach((v, k) => {
    if (v.elemType !== FLOAT) return;
    const name = `graph_input_cast_${k}`;
    nodes.push(cast(name, v.name, `graph_input_cast${k}`, FLOAT16));
    renameInput.set(v.name, `graph_input_cast${k}`);
    inserted.set(name, "");
  });
  const outputRename = /* @__PURE__ */ new Map();
  m.graph.outputs.forEach((v, k) => {
    if (v.elemType !== FLOAT) return;
    outputRename.set(v.name, `graph_output_cast${k}`);
  });
  for (const n of m.graph.nodes) {
    n.inputs = n.inputs.map((i) => renameInput.get(i) ?? i);
    if (KEEP_FP32.has(n.opType) && n.name !== "") {
      n.inputs = n.inputs.map((i, k) => {
        if (i === "" || m.graph.initializers.some((t) => t.name === i)) return i;
        const name = `${n.name}_input_cast_${k}`;
        nodes.push(cast(name, i, `${n.name}_input_cast${k}`, FLOAT));
        inserted.set(name, scopes.get(n.name) ?? ownerOf(i));
        return `${n.name}_input_cast${k}`;
      });
      nodes.push(n);
      const outs = n.outputs.map((o, k) => {
        const raw2 = `${n.name}_output_cast${k}_fp32`;
        const name = `${n.name}_output_cast_${k}`;
        nodes.push(cast(name, raw2, o, FLOAT16));
        inserted.set(name, scopes.get(n.name) ?? "");
        return raw2;
      });
      n.outputs = outs;
      continue;
    }
    nodes.push(n);
  }
  const produced = /* @__PURE__ */ new Map();
  for (const n of nodes) for (const o of n.outputs) produced.set(o, n);
  m.graph.outputs.forEach((v, k) => {
    const renamed = outputRename.get(v.name);
    if (renamed === void 0) return;
    const p = produced.get(v.name);
    if (!p) return;
    p.outputs = p.outputs.map((o) => o === v.name ? renamed : o);
    for (const n of nodes) n.inputs = n.inputs.map((i) => i === v.name ? renamed : i);
    const name = `graph_output_cast_${k}`;
    nodes.push(cast(name, renamed, v.name, FLOAT));
    inserted.set(name, ownerOf(v.name));
  });
  m.graph.nodes = nodes;
  m.graph.initializers = m.graph.initializers.map((t) => t.dataType === FLOAT ? { ...t, dataType: FLOAT16 } : t);
  return { model: m, truth: identityTruth(model, scopes), inserted };
}
function paramOwner(tensor) {
  if (tensor.includes("/") || tensor.includes("::")) return void 0;
  const a = atoms(tensor);
  return a.length >= 2 ? a.slice(0, -1).join(".") : void 0;
}
var QUANTIZED_OPS = /* @__PURE__ */ new Set(["MatMul", "Gemm", "Conv"]);
function initializer(name, dataType, dims) {
  return { name, dataType, dims, payload: { kind: "empty" } };
}
function quantizedStyle(model, scopes) {
  const m = cloneModel(model);
  const owner = tensorModules(model, scopes);
  const inits = new Map(m.graph.initializers.map((t) => [t.name, t]));
  const graphInputs = new Set(m.graph.inputs.map((v) => v.name));
  const inserted = /* @__PURE__ */ new Map();
  const done = /* @__PURE__ */ new Map();
  const nodes = [];
  const node = (name, opType, inputs, outputs) => ({ name, opType, domain: "", overload: "", inputs, outputs, attributes: [], docString: "", metadataProps: [] });
  for (const n of m.graph.nodes) {
    if (QUANTIZED_OPS.has(n.opType)) {
      n.inputs = n.inputs.map((t, k) => {
        if (t === "" || n.opType === "Gemm" && k === 2 || n.opType === "Conv" && k === 2) return t;
        const hit = done.get(t);
        if (hit !== void 0) return hit;
        const w = inits.get(t);
        const valueOwner2 = owner.get(t) ?? (w ? paramOwner(t) : void 0) ?? (graphInputs.has(t) ? "" : void 0);
        m.graph.initializers.push(initializer(`${t}_scale`, FLOAT, []), initializer(`${t}_zero_point`, 3, []));
        if (w) {
          m.graph.initializers.push(initializer(`${t}_quantized`, 3, w.dims));
          const dq = node(`${t}_DequantizeLinear`, "DequantizeLinear", [`${t}_quantized`, `${t}_scale`, `${t}_zero_point`], [`${t}_dequantized`]);
          nodes.push(dq);
          if (valueOwner2 !== void 0) inserted.set(dq.name, valueOwner2);
        } else {
          const q = node(`${t}_QuantizeLinear`, "QuantizeLinear", [t, `${t}_scale`, `${t}_zero_point`], [`${t}_quantized`]);
          const dq = node(`${t}_DequantizeLinear`, "DequantizeLinear", [`${t}_quantized`, `${t}_scale`, `${t}_zero_point`], [`${t}_dequantized`]);
          nodes.push(q, dq);
          if (valueOwner2 !== void 0) {
            inserted.set(q.name, valueOwner2);
            inserted.set(dq.name, valueOwner2);
          }
        }
        done.set(t, `${t}_dequantized`);
        return `${t}_dequantized`;
      });
    }
    nodes.push(n);
  }
  m.graph.nodes = nodes;
  return { model: m, truth: identityTruth(model, scopes), inserted };
}

// src/eval/score.ts
function truthScopes(model, truth) {
  const known = new Set((truth ?? []).map((t) => t.path));
  const norm = new ScopeNormaliser();
  const parsed = model.graph.nodes.map((n) => parseScopeName(n.name));
  for (const p of parsed) if (p) norm.addAll(p.prefixes);
  const viaAlias = /* @__PURE__ */ new Map();
  for (const t of truth ?? []) {
    const name = t.path.slice(t.path.lastIndexOf(".") + 1);
    for (const a of t.aliases ?? []) {
      const cut = a.lastIndexOf(".");
      viaAlias.set(cut < 0 ? name : `${a.slice(0, cut)}.${name}`, t.path);
    }
  }
  const out = /* @__PURE__ */ new Map();
  const functions = new Set(model.functions.map((f) => `${f.domain}:${f.name}`));
  model.graph.nodes.forEach((n, i) => {
    const p = parsed[i];
    if (!p || functions.has(`${n.domain}:${n.opType}`)) return;
    const path6 = norm.normalise(p.path);
    out.set(n.name, known.has(path6) ? path6 : viaAlias.get(path6) ?? aliasedScopePath(path6, known)?.module ?? path6);
  });
  return out;
}
function exporterShared(model, scopes) {
  const readers = /* @__PURE__ */ new Map();
  for (const n of model.graph.nodes) {
    const m = scopes.get(n.name);
    if (m === void 0) continue;
    for (const t of n.inputs) if (t !== "") (readers.get(t) ?? readers.set(t, []).get(t)).push(m);
  }
  const out = /* @__PURE__ */ new Map();
  for (const n of model.graph.nodes) {
    if (!scopes.has(n.name)) continue;
    const users = deepest(n.outputs.flatMap((t) => readers.get(t) ?? []));
    const across = users.some((a, i) => users.slice(i + 1).some((b) => conflicts(a, b) && conflictScope(a, b) === "cross-layer"));
    if (across) out.set(n.name, lowestCommonAncestor(users));
  }
  return out;
}
function sharedRenamed(shared, originals) {
  const out = /* @__PURE__ */ new Map();
  for (const [name, original] of originals) {
    const common = shared.get(original);
    if (common !== void 0) out.set(name, common);
  }
  return out;
}
function isRight(primary, modules) {
  return primary !== null && primary !== void 0 && modules.includes(primary);
}
function withShared(truth, shared) {
  const out = new Map(truth);
  for (const [name, common] of shared) {
    const t = out.get(name);
    if (t !== void 0 && !t.includes(common)) out.set(name, [...t, common]);
  }
  return out;
}
function judge(r, truth, threshold, modulePaths, inserted, verbose) {
  const nodes = byName(r);
  const caseOf = new Map(r.cases.map((c) => [c.node, c.resolution.strategy ?? "unresolved case"]));
  const j = { withTruth: 0, right: 0, silent: 0, flagged: 0, unattributed: 0, ancestor: 0, absent: 0, phantoms: [], samples: [] };
  const inTree = new Set(r.modules.map((m) => m.path));
  for (const [name, modules] of truth) {
    const n = nodes.get(name);
    if (!n) continue;
    j.withTruth++;
    const right = isRight(n.primary, modules);
    if (n.decidedBy !== "scope" && n.decidedBy !== "tag" && n.primary !== null) j.samples.push([n.confidence, right, n.basis ?? (n.decidedBy === "case" ? `case: ${caseOf.get(n.id)}` : n.decidedBy)]);
    if (right) {
      j.right++;
      continue;
    }
    if (n.primary === null) {
      j.unattributed++;
      continue;
    }
    if (modules.some((m) => isAncestorOrSelf(n.primary, m))) j.ancestor++;
    if (!modules.some((m) => inTree.has(m))) j.absent++;
    if (n.confidence >= threshold) j.silent++;
    else j.flagged++;
    verbose?.(`${r.model} ${name} (${n.opType}): truth ${modules.map((m) => m || "(root)").join("|")} \u2192 ${n.primary || "(root)"} at ${n.confidence} by ${n.decidedBy}${n.basis ? ` (${n.basis})` : ""}`);
  }
  if (inserted) {
    let right = 0;
    for (const [name, module] of inserted) {
      const n = nodes.get(name);
      if (n && n.primary === module) right++;
      else verbose?.(`${r.model} inserted ${name}: rule ${module || "(root)"} \u2192 ${n?.primary ?? "none"}`);
    }
    j.inserted = { right, total: inserted.size };
  }
  j.phantoms = r.modules.filter((m) => !modulePaths.has(m.path)).map((m) => m.path);
  for (const p of j.phantoms) verbose?.(`${r.model} phantom module ${p}`);
  return j;
}
var ratio = (a, b) => b === 0 ? 1 : Math.round(a / b * 1e4) / 1e4;
function byName(report) {
  return new Map(report.nodes.filter((n) => !n.id.includes(">")).map((n) => [n.name, n]));
}
function timed(now, f) {
  const t = now();
  const r = f();
  return [r, Math.round((now() - t) * 10) / 10];
}
function evaluateModel(name, model, truth, o) {
  const scopes = truthScopes(model, truth);
  const shared = exporterShared(model, scopes);
  const truthPaths = new Set(truth.map((t) => t.path));
  const analyze = (m) => analyzeModel({ name, model: m }, { confidenceThreshold: o.threshold });
  const scores = [];
  {
    const [r, ms] = timed(o.now, () => analyze(model));
    const onShared = r.cases.filter((c) => shared.has(c.node) && c.kind === "shared-across-modules").length;
    const falseCases = r.cases.filter((c) => scopes.has(c.node)).length - onShared;
    const { tree } = collectEvidence(buildGraphIndex(model));
    const unknown = [...tree.modules.keys()].filter((p) => !truthPaths.has(p));
    scores.push({
      variant: "unmodified",
      damaged: 0,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      notes: [
        `false cases ${falseCases}`,
        `cases on nodes the exporter shared across layers ${onShared} of ${shared.size}`,
        `cases on exporter-made nodes ${r.counts.cases - falseCases - onShared}`,
        // Attributions below the threshold on a clean export are false alarms of a gate on `uncertain`.
        `uncertain ${r.counts.uncertain}`,
        `tree modules not in named_modules ${unknown.length}${unknown.length ? ` (${unknown.slice(0, 3).join(", ")})` : ""}`
      ],
      ms
    });
  }
  {
    const v = shiftTags(model, scopes, truth, o.shiftFraction, o.seed);
    const [r, ms] = timed(o.now, () => analyze(v.model));
    const detected = new Set(r.cases.filter((c) => c.kind === "tag-conflicts-scope").map((c) => c.node));
    const tp = [...detected].filter((n) => v.shifted.has(n)).length;
    const nodes = byName(r);
    const correct = [...v.shifted].filter((n) => nodes.get(n)?.primary === scopes.get(n)).length;
    scores.push({
      variant: `shifted tags ${Math.round(o.shiftFraction * 100)}%`,
      damaged: v.shifted.size,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      precision: ratio(tp, detected.size),
      recall: ratio(tp, v.shifted.size),
      accuracy: ratio(correct, v.shifted.size),
      notes: [],
      ms,
      judged: judge(r, new Map([...v.shifted].map((n) => [n, [scopes.get(n)]])), o.threshold, truthPaths)
    });
  }
  for (const keepValues of [false, true]) {
    const v = stripScopes(model, scopes, o.stripFraction, o.seed, keepValues);
    const [r, ms] = timed(o.now, () => analyze(v.model));
    const nodes = byName(r);
    let correct = 0;
    let ancestor = 0;
    const mistakes = [];
    const strippedTruth = withShared(new Map([...v.stripped].map(([n, p]) => [n, [p]])), sharedRenamed(shared, v.originals));
    for (const [n, path6] of v.stripped) {
      const p = nodes.get(n)?.primary;
      if (isRight(p, strippedTruth.get(n))) correct++;
      else {
        if (p !== null && p !== void 0 && isAncestorOrSelf(p, path6)) ancestor++;
        mistakes.push(`${n}: ${path6} \u2192 ${p}`);
      }
    }
    if (o.verbose) for (const m of mistakes) o.verbose(`${name} stripped ${m}`);
    scores.push({
      variant: keepValues ? `renamed nodes ${Math.round(o.stripFraction * 100)}%, value names kept` : `stripped scopes ${Math.round(o.stripFraction * 100)}%`,
      damaged: v.stripped.size,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      accuracy: ratio(correct, v.stripped.size),
      notes: [`primary an ancestor of the truth ${ancestor}`, `wrong ${v.stripped.size - correct - ancestor}`],
      ms,
      judged: judge(r, strippedTruth, o.threshold, truthPaths, void 0, o.verbose)
    });
  }
  for (const keepName of [false, true]) {
    const v = mergeConstants(model, scopes, keepName);
    const [r, ms] = timed(o.now, () => analyze(v.model));
    const cases = new Map(r.cases.map((c) => [c.node, c]));
    let correct = 0;
    let detected = 0;
    for (const [n, { users, common }] of v.merged) {
      const c = cases.get(n);
      if (!c) {
        o.verbose?.(`${name} merged ${n}: no case (users ${users.join(", ")})`);
        continue;
      }
      detected++;
      const res = c.resolution;
      if (res.status === "resolved" && res.strategy === "shared-node" && res.primary === common && users.every((u) => u === common || res.auxiliary.includes(u))) correct++;
      else o.verbose?.(`${name} merged ${n}: ${res.status} ${res.strategy} ${res.primary} aux ${res.auxiliary.join(",")} (users ${users.join(", ")}; common ${common})`);
    }
    scores.push({
      variant: keepName ? "merged constants, one layer's name kept" : "merged constants",
      damaged: v.merged.size,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      recall: ratio(detected, v.merged.size),
      accuracy: ratio(correct, v.merged.size),
      notes: [],
      ms,
      judged: judge(r, new Map([...v.merged].map(([n, { common }]) => [n, [common]])), o.threshold, truthPaths)
    });
  }
  {
    const [base2] = timed(o.now, () => analyze(model));
    const shuffled = shuffleNodes(model, scopes, o.seed);
    const [r, ms] = timed(o.now, () => analyze(shuffled.model));
    const baseById = new Map(base2.nodes.map((n) => [n.id, n]));
    let differ = 0;
    for (const n of r.nodes) {
      const b = baseById.get(n.id);
      if (!b || b.primary !== n.primary || b.confidence !== n.confidence || b.decidedBy !== n.decidedBy || b.auxiliary.join() !== n.auxiliary.join()) differ++;
    }
    const sameCases = JSON.stringify(r.cases.map((c) => [c.id, c.resolution]).sort()) === JSON.stringify(base2.cases.map((c) => [c.id, c.resolution]).sort());
    scores.push({
      variant: "reordered nodes",
      damaged: 0,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      notes: [`nodes attributed differently from the sorted file ${differ}`, `same cases ${sameCases ? "yes" : "NO"}`],
      ms,
      judged: judge(r, withShared(shuffled.truth, shared), o.threshold, truthPaths, void 0, o.verbose)
    });
  }
  const rewrites = [
    ["fp16 (converter casts)", () => fp16Style(model, scopes)],
    ["quantized (QDQ pairs)", () => quantizedStyle(model, scopes)],
    ...(o.optimized ?? []).map(([label, m]) => [label, () => ({ model: m, truth: truthByTensors(model, scopes, m) })])
  ];
  for (const [variant, make] of rewrites) {
    const v = make();
    const [r, ms] = timed(o.now, () => analyze(v.model));
    const judged2 = judge(r, withShared(v.truth, shared), o.threshold, truthPaths, v.inserted, o.verbose);
    scores.push({
      variant,
      damaged: 0,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      notes: judged2.phantoms.length ? [`phantom modules ${judged2.phantoms.slice(0, 3).join(", ")}`] : [],
      ms,
      judged: judged2
    });
  }
  for (const keepValues of [false, true]) {
    const v = genericWithDynamo(model, scopes, truth, o.dynamoFraction, o.seed, keepValues);
    const [r, ms] = timed(o.now, () => analyze(v.model));
    const nodes = byName(r);
    let correctMissing = 0;
    let missing = 0;
    let correctAll = 0;
    const genericTruth = withShared(new Map([...v.truth].map(([n, p]) => [n, [p]])), sharedRenamed(shared, v.originals));
    for (const [n] of v.truth) {
      const p = nodes.get(n)?.primary;
      const ok = isRight(p, genericTruth.get(n));
      if (ok) correctAll++;
      if (!v.withMetadata.has(n)) {
        missing++;
        if (ok) correctMissing++;
      }
    }
    scores.push({
      variant: keepValues ? `renamed nodes, dynamo metadata on ${Math.round(o.dynamoFraction * 100)}%, value names kept` : `generic names, dynamo metadata on ${Math.round(o.dynamoFraction * 100)}%`,
      damaged: missing,
      cases: r.counts.cases,
      unresolved: r.counts.unresolved,
      accuracy: ratio(correctMissing, missing),
      notes: [`accuracy over all nodes ${ratio(correctAll, v.truth.size)}`],
      ms,
      judged: judge(r, new Map([...genericTruth].filter(([n]) => !v.withMetadata.has(n))), o.threshold, truthPaths, void 0, o.verbose)
    });
  }
  return scores;
}

// src/eval/optimize.ts
import fs4 from "node:fs";
import path4 from "node:path";

// src/adapters/onnxruntime/runtime.ts
import fs3 from "node:fs";
import { createRequire } from "node:module";
import path3 from "node:path";
import { pathToFileURL } from "node:url";
var ONNXRUNTIME_VERSION = "1.30.0";
var RUNTIME_PATH_ENV = "MODELEXPORT_ONNXRUNTIME_PATH";
var INSTALL_HINT = `install it next to modelexport with \`ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node@${ONNXRUNTIME_VERSION}\` (CPU only; \`skip\` avoids the CUDA download), or point ${RUNTIME_PATH_ENV} at an installed copy`;
var PACKAGE = "onnxruntime-node";
var loaded;
function loadRuntime(location = process.env[RUNTIME_PATH_ENV] || void 0) {
  const where = location ? path3.resolve(location) : null;
  if (loaded) {
    if (where !== null && loaded.location !== where) {
      return Promise.reject(new Error(`onnxruntime-node is already loaded from ${loaded.location ?? "its package name"}; cannot load a second copy from ${where}`));
    }
    return loaded.promise;
  }
  const promise = (async () => {
    if (where === null) return importRuntime((name) => import(name));
    const entry2 = runtimeEntry(where);
    return importRuntime(() => import(pathToFileURL(entry2).href), where);
  })();
  loaded = { location: where, promise };
  promise.catch(() => {
    if (loaded?.promise === promise) loaded = void 0;
  });
  return promise;
}
function runtimeEntry(location) {
  const candidates = [location, path3.join(location, "node_modules", PACKAGE)];
  for (const dir of candidates) {
    const manifest = path3.join(dir, "package.json");
    let name;
    try {
      name = JSON.parse(fs3.readFileSync(manifest, "utf8")).name;
    } catch {
      continue;
    }
    if (name !== PACKAGE) continue;
    return createRequire(manifest).resolve(dir);
  }
  throw new UserError(`${location}: no ${PACKAGE} package there (looked for ${candidates.map((c) => path3.join(c, "package.json")).join(" and ")}); ${INSTALL_HINT}`);
}
async function importRuntime(importer, from) {
  try {
    const mod = await importer(PACKAGE);
    const ort = mod.InferenceSession ? mod : mod.default;
    if (!ort?.InferenceSession) throw new Error("the package has no InferenceSession export");
    return ort;
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = err.code;
    const at = from ? ` at ${from}` : "";
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      const missing = from ? `${PACKAGE}${at} is incomplete (${(err.message ?? "").split("\n")[0]})` : `ONNX Runtime is not installed: this check needs the ${PACKAGE} package`;
      throw new UserError(`${missing}; ${INSTALL_HINT}`);
    }
    const why = (err.message ?? String(err)).split("\n")[0];
    throw new UserError(`${PACKAGE} is installed${at} but could not be loaded (${why}); reinstall it: ${INSTALL_HINT}`);
  }
}

// src/eval/optimize.ts
var OPTIMIZATION_LEVELS = ["basic", "extended"];
async function optimizedVariants(file, cacheDir) {
  const ort = await loadRuntime();
  const stat = fs4.statSync(file);
  const base2 = path4.basename(file, ".onnx");
  fs4.mkdirSync(cacheDir, { recursive: true });
  const out = [];
  for (const level of OPTIMIZATION_LEVELS) {
    const target = path4.join(cacheDir, `${base2}.${level}.${stat.size}-${Math.floor(stat.mtimeMs)}.onnx`);
    if (!fs4.existsSync(target)) {
      const tmp = `${target}.tmp-${process.pid}.onnx`;
      const session = await ort.InferenceSession.create(file, { executionProviders: ["cpu"], logSeverityLevel: 4, graphOptimizationLevel: level, optimizedModelFilePath: tmp });
      await session.release();
      fs4.renameSync(tmp, target);
    }
    out.push([`ONNX Runtime ${level}`, loadModelFile(target).model]);
  }
  return out;
}

// src/eval/main.ts
var DEFAULT_CORPORA = ["corpus/build", "corpus/build-vision"];
var DEFAULT_HOLDOUT = "vit,convnext_tiny,googlenet,regnet_y_400mf,efficientnet_v2_s,inception_v3,alexnet,vgg11_bn,resnet50,mobilenet_v3_large,squeezenet1_1,regnet_y_800mf,efficientnet_b1,maxvit_t,llama,fcn_resnet50,lraspp_mobilenet_v3_large,r3d_18,vit_b_32,wide_resnet50_2,shufflenet_v2_x1_0,bart";
var USAGE = `usage: node dist/eval.js [--corpus DIR,DIR] [--json FILE] [--seed N] [--seeds K]
                         [--strip 0.2] [--shift 0.1] [--dynamo 0.7] [--threshold 0.7] [--only a,b]
                         [--holdout ${DEFAULT_HOLDOUT}] [--no-optimized] [--verbose]
--corpus: folders with an index.json (default ${DEFAULT_CORPORA.join(",")}; one that is not
          there is skipped with a note, unless it is the only one)
`;
if (process.argv.includes("--help") || process.argv.includes("-h")) {
  process.stdout.write(USAGE);
  process.exit(0);
}
var OPTIONS = {
  corpus: { type: "string" },
  json: { type: "string" },
  seed: { type: "string", default: "1" },
  seeds: { type: "string", default: "20" },
  strip: { type: "string", default: "0.2" },
  shift: { type: "string", default: "0.1" },
  dynamo: { type: "string", default: "0.7" },
  threshold: { type: "string", default: "0.7" },
  verbose: { type: "boolean" },
  only: { type: "string" },
  holdout: { type: "string", default: DEFAULT_HOLDOUT },
  "no-optimized": { type: "boolean" }
};
var { values } = (() => {
  try {
    return parseArgs({ options: OPTIONS });
  } catch (err) {
    process.stderr.write(`eval: ${err.message}
${USAGE}`);
    process.exit(2);
  }
})();
var corpora = values.corpus === void 0 ? DEFAULT_CORPORA : values.corpus.split(",").filter((d) => d !== "");
var present = corpora.filter((d) => fs5.existsSync(path5.join(d, "index.json")));
if (present.length === 0 || values.corpus !== void 0 && present.length < corpora.length) {
  const missing = corpora.filter((d) => !present.includes(d)).map((d) => path5.join(d, "index.json"));
  process.stderr.write(`eval: ${missing.join(", ")} not found: generate the corpus with 'npm run corpus' (needs Debian's python3-torch)
`);
  process.exit(2);
}
for (const d of corpora) if (!present.includes(d)) process.stderr.write(`eval: ${d} not found, skipped (generate it with 'npm run corpus')
`);
var index = { models: [] };
for (const dir of present) {
  const list = JSON.parse(fs5.readFileSync(path5.join(dir, "index.json"), "utf8"));
  for (const m of list.models) index.models.push({ ...m, dir });
}
function numberOption(name, integer) {
  const text = values[name];
  const x = Number(text);
  const ok = text.trim() !== "" && (integer ? Number.isInteger(x) && x >= 0 : x >= 0 && x <= 1);
  if (!ok) {
    process.stderr.write(`eval: --${name}: expected ${integer ? "a whole number" : "a fraction from 0 to 1"}, got '${text}'
${USAGE}`);
    process.exit(2);
  }
  return x;
}
var firstSeed = numberOption("seed", true);
var seeds = Math.max(1, numberOption("seeds", true));
var base = {
  stripFraction: numberOption("strip", false),
  shiftFraction: numberOption("shift", false),
  dynamoFraction: numberOption("dynamo", false),
  threshold: numberOption("threshold", false),
  now: () => performance.now(),
  verbose: values.verbose ? (line) => process.stderr.write(line + "\n") : void 0
};
function printTable(rows2) {
  const widths = rows2[0].map((_, i) => Math.max(...rows2.map((r) => r[i].length)));
  for (const r of rows2) process.stdout.write(r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd() + "\n");
}
var total = (j, f) => j.reduce((s, x) => s + f(x), 0);
var median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
var pooled = /* @__PURE__ */ new Map();
var raw = [];
var holdout = new Set((values.holdout ?? "").split(",").filter((x) => x !== ""));
var judged = /* @__PURE__ */ new Map();
for (const entry2 of index.models) {
  if (values.only && !values.only.split(",").includes(entry2.name)) continue;
  const file = path5.join(entry2.dir, entry2.file);
  const { model } = loadModelFile(file);
  const truth = JSON.parse(fs5.readFileSync(path5.join(entry2.dir, entry2.modules_file), "utf8")).modules;
  const optimized = values["no-optimized"] ? [] : await optimizedVariants(file, path5.join(entry2.dir, "optimized"));
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const scores = evaluateModel(entry2.name, model, truth, { ...base, seed, optimized: seed === firstSeed ? optimized : [] });
    for (const s of scores) {
      if (!s.judged || seed !== firstSeed && !/^(shifted|stripped|generic|reordered|renamed)/.test(s.variant)) continue;
      const set = holdout.has(entry2.name) ? "held out" : "tuned";
      const key = `${set}\0${s.variant}`;
      (judged.get(key) ?? judged.set(key, { set, variant: s.variant, j: [] }).get(key)).j.push(s.judged);
    }
    raw.push({ model: entry2.name, seed, scores });
    for (const s of scores) {
      const deterministic = !/^(shifted|stripped|generic|reordered|renamed)/.test(s.variant);
      if (deterministic && seed !== firstSeed) continue;
      const key = `${entry2.name}\0${s.variant}`;
      const p = pooled.get(key) ?? { model: entry2.name, variant: s.variant, damaged: 0, cases: 0, unresolved: 0, hits: 0, hasAccuracy: false, precision: [], recall: [], ms: [], notes: [] };
      p.damaged += s.damaged;
      p.cases += s.cases;
      p.unresolved += s.unresolved;
      if (s.accuracy !== void 0) {
        p.hits += s.accuracy * s.damaged;
        p.hasAccuracy = true;
      }
      if (s.precision !== void 0) p.precision.push(s.precision);
      if (s.recall !== void 0) p.recall.push(s.recall);
      p.ms.push(s.ms);
      if (seed === firstSeed) p.notes = s.notes;
      pooled.set(key, p);
    }
  }
  process.stderr.write(`evaluated ${entry2.name}
`);
}
var fmt2 = (x) => x === void 0 ? "" : x.toFixed(4);
var rows = [["model", "variant", "damaged", "cases", "unresolved", "precision", "recall", "accuracy", "ms", "notes"]];
for (const p of pooled.values()) {
  rows.push([
    p.model,
    p.variant,
    String(p.damaged),
    String(p.cases),
    String(p.unresolved),
    p.precision.length ? fmt2(Math.min(...p.precision)) : "",
    p.recall.length ? fmt2(Math.min(...p.recall)) : "",
    p.hasAccuracy ? fmt2(p.damaged ? p.hits / p.damaged : 1) : "",
    median(p.ms).toFixed(1),
    p.notes.join("; ")
  ]);
}
process.stdout.write(`seeds ${firstSeed}..${firstSeed + seeds - 1}; random variants pooled over the seeds; precision and recall: the lowest seed; ms: median analysis time

`);
printTable(rows);
process.stdout.write("\npooled over the corpus (accuracy weighted by damaged nodes; precision and recall: the lowest model and seed)\n");
var byVariant = /* @__PURE__ */ new Map();
for (const p of pooled.values()) (byVariant.get(p.variant) ?? byVariant.set(p.variant, []).get(p.variant)).push(p);
for (const [variant, ps] of byVariant) {
  const damaged = ps.reduce((s, p) => s + p.damaged, 0);
  const parts = [`${variant}: damaged ${damaged}`, `cases ${ps.reduce((s, p) => s + p.cases, 0)}`, `unresolved ${ps.reduce((s, p) => s + p.unresolved, 0)}`];
  if (ps.some((p) => p.hasAccuracy) && damaged > 0) parts.push(`accuracy ${(ps.reduce((s, p) => s + p.hits, 0) / damaged).toFixed(4)}`);
  const pr = ps.flatMap((p) => p.precision);
  const rc = ps.flatMap((p) => p.recall);
  if (pr.length) parts.push(`precision ${Math.min(...pr).toFixed(4)}`);
  if (rc.length) parts.push(`recall ${Math.min(...rc).toFixed(4)}`);
  process.stdout.write(parts.join(", ") + "\n");
}
if (values.json) writeFileAtomic(values.json, toJson({ options: { ...base, now: void 0, verbose: void 0, seed: firstSeed, seeds }, runs: raw }));
process.stdout.write(`
attribution against ground truth (held out of tuning: ${[...holdout].join(", ") || "none"}; threshold ${base.threshold})
`);
var jrows = [["set", "variant", "nodes", "accuracy", "silent", "flagged", "unattributed", "coarse", "phantoms", "truth not in tree", "inserted by rule"]];
var pct = (a, b) => b === 0 ? "" : `${(100 * a / b).toFixed(2)}%`;
var calibration = /* @__PURE__ */ new Map();
for (const { set, variant, j } of [...judged.values()].sort((a, b) => a.set < b.set ? -1 : a.set > b.set ? 1 : 0)) {
  const sum = (f) => total(j, f);
  const n = sum((x) => x.withTruth);
  const ins = j.filter((x) => x.inserted);
  jrows.push([
    set,
    variant,
    String(n),
    n ? (sum((x) => x.right) / n).toFixed(4) : "",
    `${sum((x) => x.silent)} (${pct(sum((x) => x.silent), n)})`,
    String(sum((x) => x.flagged)),
    String(sum((x) => x.unattributed)),
    String(sum((x) => x.ancestor)),
    String(new Set(j.flatMap((x) => x.phantoms)).size),
    String(sum((x) => x.absent)),
    ins.length ? `${sum((x) => x.inserted?.right ?? 0)}/${sum((x) => x.inserted?.total ?? 0)}` : ""
  ]);
  const c = calibration.get(set) ?? calibration.set(set, []).get(set);
  for (const x of j) for (const smp of x.samples) c.push(smp);
}
printTable(jrows);
process.stdout.write(`
per architecture, variants that take evidence away (truth not in tree: wrong answers whose truth module the report's tree lacks)
`);
var arows = [["model", "set", "variant", "nodes", "accuracy", "silent", "wrong", "truth not in tree"]];
var perModel = /* @__PURE__ */ new Map();
for (const run of raw) {
  for (const s of run.scores) {
    if (!s.judged || !/^(stripped|generic)/.test(s.variant)) continue;
    const key = `${run.model}\0${s.variant}`;
    (perModel.get(key) ?? perModel.set(key, { model: run.model, variant: s.variant, j: [] }).get(key)).j.push(s.judged);
  }
}
for (const { model, variant, j } of [...perModel.values()].sort((a, b) => a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : a.model < b.model ? -1 : a.model > b.model ? 1 : 0)) {
  const sum = (f) => total(j, f);
  const n = sum((x) => x.withTruth);
  arows.push([
    model,
    holdout.has(model) ? "held out" : "tuned",
    variant,
    String(n),
    n ? (sum((x) => x.right) / n).toFixed(3) : "",
    `${sum((x) => x.silent)} (${pct(sum((x) => x.silent), n)})`,
    String(n - sum((x) => x.right)),
    String(sum((x) => x.absent))
  ]);
}
printTable(arows);
var BINS = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001];
for (const [set, samples] of calibration) {
  process.stdout.write(`
calibration (${set}): inferred answers by stated confidence
`);
  const rows2 = [["stated", "answers", "mean stated", "share right", "gap"]];
  for (let b = 0; b < BINS.length - 1; b++) {
    const inBin = samples.filter(([c]) => c >= BINS[b] && c < BINS[b + 1]);
    if (inBin.length === 0) continue;
    const mean = inBin.reduce((s, [c]) => s + c, 0) / inBin.length;
    const right = inBin.filter(([, r]) => r).length / inBin.length;
    rows2.push([`[${BINS[b].toFixed(2)}, ${Math.min(1, BINS[b + 1]).toFixed(2)}${b === BINS.length - 2 ? "]" : ")"}`, String(inBin.length), mean.toFixed(3), right.toFixed(3), (right - mean).toFixed(3)]);
  }
  const byBasis = /* @__PURE__ */ new Map();
  for (const x of samples) (byBasis.get(x[2]) ?? byBasis.set(x[2], []).get(x[2])).push(x);
  for (const [basis, xs] of [...byBasis].sort()) {
    const mean = xs.reduce((s, [c]) => s + c, 0) / xs.length;
    const right = xs.filter(([, r]) => r).length / xs.length;
    rows2.push([`by ${basis}`, String(xs.length), mean.toFixed(3), right.toFixed(3), (right - mean).toFixed(3)]);
  }
  printTable(rows2);
}
