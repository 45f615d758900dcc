/**
 * Passwords seen most often in public leak lists (lower-cased). A password whose
 * lower-cased form is here, or is one of these followed by digits or symbols, is refused.
 */
export const commonPasswords: ReadonlySet<string> = new Set([
  '123456', '123456789', '12345678', 'password', 'qwerty', '12345', '1234567', '111111',
  '123123', 'abc123', '1234567890', 'password1', 'password123', 'passw0rd', 'p@ssw0rd',
  'p@ssword', 'p@ssword1', 'p@ssw0rd1', 'admin', 'admin123', 'admin@123', 'admin1234',
  'administrator', 'root', 'root123', 'toor', 'welcome', 'welcome1', 'welcome123',
  'letmein', 'monkey', 'dragon', 'master', 'sunshine', 'princess', 'football', 'baseball',
  'iloveyou', 'trustno1', 'qwerty123', 'qwertyuiop', 'q1w2e3r4', 'q1w2e3r4t5', '1q2w3e4r',
  '1qaz2wsx', '1qaz@wsx', '1qaz!qaz', 'zaq12wsx', 'zxcvbnm', 'asdfghjkl', 'asd123',
  'aa123456', 'a123456', 'a12345678', 'a1234567', 'abcd1234', 'abcd@1234', 'abc@123',
  'abc12345', 'woaini', 'woaini1314', '5201314', '520520', '1314520', 'qq123456',
  'wang123', 'zhang123', 'li123456', 'test', 'test123', 'test@123', 'guest', 'changeme',
  'default', 'secret', 'system', 'manager', 'super', 'superman', 'batman', 'hello123',
  'hello', 'shadow', 'michael', 'jennifer', 'hunter', 'hunter2', 'ranger', 'buster',
  'soccer', 'harley', 'charlie', 'summer', 'winter', 'spring', 'autumn', 'computer',
  'internet', 'whatever', 'freedom', 'starwars', 'pokemon', 'naruto', 'chelsea',
  'liverpool', 'arsenal', 'google', 'baidu', 'taobao', 'alibaba', 'tencent', 'huawei',
  'china', 'china123', 'beijing', 'shanghai', 'zhongguo', 'gov123', 'gov@123', 'luoshi',
  'luoshi123', 'luoshi@123', 'qazwsx', 'qazwsxedc', '!qaz2wsx', 'xiaoming', 'mima',
  'mima123', 'yonghu', '888888', '666666', '000000', '88888888', '66666666', '11111111',
  '00000000', '147258369', '159357', '123321', '654321', '7654321', '987654321',
  '123qwe', 'qwe123', 'qwe@123', 'asdf1234', 'zxc123', 'zxcv1234', 'pass1234', 'pass@123',
  'pass@word1', 'passw0rd!', 'password!', 'password@1', 'password#1', 'welcome@1',
  'welcome@123', 'admin@1234', 'admin#123', 'admin!123', 'root@123', 'root#123',
  'sa123456', 'ssss1111', 'aaaa1111', 'aaaaaa', 'abcdef', 'abcdefg', 'abcdefgh',
]);
