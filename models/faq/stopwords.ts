import { Locale } from '../content';
import { foldAccents } from '../text/fold';

/**
 * Words that carry no topic, accent-folded and lowercase. Question words (chi, come, quando ... / who, how, when
 * ...) are NOT here: they help tell "chi può partecipare?" from "come si partecipa?". They are `QUESTION_WORDS`,
 * searched but not counted as evidence that a question is about the measure.
 */
const IT = `a ad al allo alla ai agli alle all il lo la i gli le l un uno una un' d di del dello della dei degli delle
dell da dal dallo dalla dai dagli dalle dall in nel nello nella nei negli nelle nell con col coi su sul sullo sulla
sui sugli sulle sull per tra fra e ed o od oppure ma pero anche pure se che ci ce c ne n non piu gia mi ti si vi me
te noi voi lui lei loro io tu egli ella essa esso essi esse mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro
nostra nostri nostre vostro vostra vostri vostre questo questa questi queste quello quella quelli quelle quel quei
quegli cio sono sei siamo siete ero eri era eravamo erano sara saro saranno sarei sarebbe stato stata stati state
essere ho hai ha abbiamo avete hanno avere avuto avevo aveva avrei avrebbe posso puoi puo possiamo potete possono
potere potrei potrebbe potrebbero devo devi deve dobbiamo dovete devono dovere dovrei dovrebbe voglio vuoi vuole
vogliamo volete vogliono vorrei volevo volere faccio fai fa facciamo fate fanno fare fatto sto stai sta stiamo stanno
stare qual quale quali cui ogni qualche qualcosa qualcuno tutto tutta tutti tutte molto molta molti molte poco tanto
cosi allora quindi dunque poi ecco ciao salve grazie prego buongiorno buonasera favore cortesia scusa scusi scusate
ok okay va bene sapere saper dire dirmi dimmi dici dica dite informazioni informazione info spiegami spiegarmi spieghi spiegare
chiedo chiedere chiedevo volevo gentilmente lei tipo cioe comunque siccome davvero proprio ecc etc eh mah beh boh
sì si no esserci averci dopo durante mentre prima
gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre anno anni mese
mesi settimana settimane giorno giorni ieri scorso scorsa scorsi fa vado vai andare andato andata vengo vieni venire
frattempo intanto infatti inoltre purtroppo finalmente ormai appena marito moglie figlio figlia figli mamma papa
padre madre fratello sorella amico amica amici compagno compagna
veramente realmente effettivamente concretamente esattamente precisamente
cmq comq nn x xo ke k ki qlc qlcs qlk qualke tt sn nl dl pls grz grazie1000 raga piacerebbe piacerebbero tocca cavolo insomma praticamente oppure ovvero vabbe vabbè magari`;

const EN = `whole a an the and or but if of to in on at by for with about from into over under than then so too very
is are was were be been being am do does did doing done have has had having i me my myself we us our ours you your
yours he him his she her it its they them their this that these those there here can could will would shall should
may might must just any some all s t d ll m re ve not no nor don doesn didn isn aren wasn please hi hello thanks
thank tell know let like want wanted need get got also really actually okay ok yes anything something one
january february march april may june july august september october november december year years month week weeks
day days ago yesterday go going went come last per more most each every only even meanwhile unfortunately
finally recently husband wife son daughter mother father brother sister friend mum mom dad
truly concretely exactly precisely
u ur ya yeah yep nope through via hey hiya guys mate pls plz thx ty cuz coz cos bc wanna gonna gotta lemme gimme kinda sorta smth sth im ive dont doesnt didnt cant wont isnt arent wasnt own`;

// The six languages added for issue 16: short lists of function words, greetings and politeness, written as workers
// type them (with or without diacritics: each word is folded like the text it is compared with).
const RO = `toata a al ai ale alor un o unui unei niste si sau dar ci iar ca de la din pe pentru cu in intr intro
spre prin fara despre dupa pana catre le lui ei ea el eu tu noi voi ei ele ma mi te ti il l se s ne va v sunt esti
este e suntem sunteti era eram fost fi fie am ai are avem aveti au avea as putea pot poti poate putem puteti vreau
vrei vrea vrem doresc as aceasta acesta aceste acestia acel acea acei acele asta asa meu mea mei mele tau ta sau sa
nostru noastra vostru voastra lor si mai tot toti toate foarte doar deja inca acum apoi deci va rog multumesc buna
ziua salut seara dimineata ok bine da nu stiu spune spuneti spuneti-mi informatii info aici acolo daca daca
ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie an ani luna luni
saptamana saptamani zi zile ieri trecut trecuta sotul sotia fiul fiica mama tata frate sora prieten mie tine dumneavoastra dvs
aia ala asta astea aceia acelea alea ăsta ăștia asa-zis mie tie ție dumneata voua vouă lor ceva cineva nimic nimeni oare
totusi totuși chiar tare mult multa multă multi mulți putin puțin bune pe bune sigur ca să sa să ar aș ai as
trebuie trebe trebui tre trebuia vreau vroiam voiam vream vrea doream dori aș vrea m-ar ma mă va vă-mi imi îmi iti îți
isi își si-a ne-a mi-a mi te-ai noastre nostri noștri vostri voștri fratele fratelui sora surorii cumnatul cumnata
vecina vecinul vecinii soacra socrul prietena prietenul prietenii copiii copilul baiatul fata sotului sotiei
duminica luni marti miercuri joi vineri sambata săptămâna acasa acasă intreb întreb intrebat întrebat
zis spus auzit auzi auzim rugat rog hai alo salutare buna ziua
mine tine sine
fapt concret exact efectiv
pt ptr prea chestia chestie chestii treaba treabă voastră voastra dvs dumneavoastră langa lângă aproape
sînt sint sîntem sintem sînteți vreo vreun
trb trbuie trebui mersi msi mrs ms bn nush nuj k sal salutari buna bună va rog vă rog dvs plz pls`;

const ES = `a al el la lo los las un una unos unas de del en con por para sin sobre entre hasta desde hacia y e o u
pero sino que si ni me te se nos os le les mi mis tu tus su sus nuestro nuestra yo tu el ella nosotros vosotros
ellos ellas usted ustedes este esta estos estas ese esa esos esas aquel eso esto soy eres es somos son era fue ser
estar estoy esta estamos estan he has ha hemos han haber tengo tiene tenemos tienen tener puedo puede podemos pueden
poder podria quiero quiere queremos querer quisiera debo debe deber hay muy mas ya tambien solo todavia aun ahora
entonces pues asi bien hola buenos buenas dias tardes gracias favor porfa ok vale si no saber decir dime digame
informacion info aqui alli todo toda todos todas algo alguien cada otro otra
enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre ano anos mes meses semana
semanas dia ayer pasado pasada marido esposa mujer hijo hija madre padre hermano hermana amigo
eso esto aquello esa ese estos esos ahi ahí alla allá aca acá pues bueno oiga mire oye che wey guey
mi mis tu tus su sus conmigo contigo cunado cuñado cunada cuñada suegra suegro primo prima tio tía tia sobrino vecino
vecina esposo novio novia abuela abuelo hijos hijas domingo lunes martes miercoles jueves viernes sabado
cenar cenabamos comiendo hablo hablaron hablando conto contaron dijeron dijo dice oi oí escuche escuché
llevo llevamos vine vinimos siempre nunca mucho mucha muchos muchas poco poca algun alguno alguna algunos algunas
ningun ninguno ninguna nada nadie hace hacen falta toca tocaria tocaría seria sería quiero queria quería quisieramos
necesito necesitamos necesitan necesita hay habra habrá habia había tenia tenía tendria tendría podria podría
saben sabe sabes porfavor hola buenas disculpe perdon perdón
verdad realmente concreto concretamente exactamente precisamente
igual nomas nomás onda chévere ustedes uds cerca
q k ke gustaria gustaría encantaria encantaría tb tmb tambien también d x xfa plis ola xa pa pal oiga bro tio tía`;

const FR = `a au aux le la les l un une des du de d en dans sur sous par pour avec sans chez entre vers et ou mais
donc or ni car que qu si se s ce c ca cela ceci cet cette ces je j tu il elle on nous vous ils elles me m te t lui
leur leurs mon ma mes ton ta tes son sa ses notre nos votre vos suis es est sommes etes sont etais etait ete etre
ai as avons avez ont avoir avais avait peux peut pouvons pouvez peuvent pouvoir pourrais pourrait veux veut voulons
voulez voudrais vouloir dois doit devons devez devoir y ne pas plus deja encore aussi tres bien alors puis bonjour
bonsoir salut merci svp plait ok oui non savoir dire dites informations information info ici la tout toute tous
toutes quelque chose quelqu chaque autre est-ce ben
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre an ans annee mois semaine
semaines jour jours hier dernier derniere mari femme fils fille mere pere frere soeur ami amie moi toi eux
ca ça cela ceci celui celle ceux celles voila voilà truc trucs machin chose faut falloir fallait ya y'a
comme ainsi alors donc bah bon ben euh hein quoi koi moi toi lui eux mec genre vraiment carrement carrément
voisin voisine voisins cousin cousine beau-frere belle-soeur belle-mere copain copine amis enfants
dimanche lundi mardi mercredi jeudi vendredi samedi soir matin hier aujourd'hui demain
parle parlé parler dit dire raconte raconté entendu arrive arrivé arrivee arrivée venu venue ans
toujours jamais souvent beaucoup peu trop assez rien personne quelqu'un quelqu'une avoir aurais aurait serais serait
veux voulais voudrais voudrait voulu vouloir peux pouvais pourrait pourrais
reellement concretement concret exactement precisement
grâce grace svp stp genre franchement près pres
aimerais aimerait j'aimerais jsuis chuis chui jpeux jpe jveux jsais jai g c bjr bjour slt cc tt tjrs mtn stp svp`;

const SQ = `gjitha a e i te të se ne në nga me mbi per për pa tek te deri prej dhe ose por edhe qe që nese nëse
u me më ju ai ajo ata ato une unë ti ne neve juve mua ty atij asaj tyre im ime imi jone jonë juaj saj tij
jam je eshte është jemi jeni jane janë isha ishte ka kam kemi keni kane kanë kisha kishte mund dua doni do duhet
ky kjo keto këto ato ai kete këtë ate atë shume shumë vetem vetëm tashme tashmë ende tani pastaj pra keshtu
kështu mire mirë pershendetje përshëndetje tungjatjeta faleminderit ju lutem lutem ok po jo di them thuaj
informacion informacione info ketu këtu atje gjithe gjithë cdo çdo ndonje ndonjë dicka diçka tjeter tjetër
janar shkurt mars prill maj qershor korrik gusht shtator tetor nentor nëntor dhjetor vit vjet muaj jave javë dite
ditë dje kaluar burri gruaja djali vajza nena nëna babai vellai vëllai motra shoku
apo ose edhe dhe po jo se qe që kur sepse sepse pasi meqe meqë këtë kete këto keto ato atë ate ky kjo
timin time timen tënd tend tendin jote yti yne ynë juaj tyre atyre atij asaj kujt kush kë ke cilin
vellai vëllai vellait motra motres kunati kunata vjehrra fqinji fqinja shoqja shoku femijet fëmijët djemte
e diel e hene te dielen darke darkë mengjes mëngjes nga para pas qysh gjate gjatë tani sot neser nesër dje
tha thane thanë thote thotë degjova dëgjova ardhur erdha kam ke ka kemi keni kane kanë kisha kishe
dashur dua desha do doja deshiroj dëshiroj gjithmone gjithmonë gjithe gjithë shume shumë pak dicka diçka
asgje asgjë dikush askush bere bëre behet bëhet bej bëj
një nje ni nja disa cdo çdo mia mi im yt jot tij saj
jete jetë duhen duhej
vertet vërtet konkretisht sakte saktësisht saktesisht
gja gjo kto kta ksi kso tash tashti nji ni asht âsht osht o mu ma kom kena jom jena ki kan kane don dojm
mundem mundemi munem munet mundet mundesh hala ene prej qe qi jo po vec veç mire mirë ok okej pra tani bre ore moj
gjithcka gjithçka krejt kejt na neve muajin muajt muajve vitin vitet javen javës diten ditët heren tu t'u
flm faleminderit tung ckemi çkemi nqs nese nëse pershendetje përshëndetje ok okej`;

const UK = `вся і й та а але або чи якщо в у на з із зі до від для про по при через без між над під за
і я ти він вона воно ми ви вони мене мені мною тебе тобі його йому її їй нас нам вас вам їх їм себе собі мій моя
моє мої твій твоя свій своя свої наш наша наші ваш ваша ваші це цей ця ці той та ті бути є був була були буде
маю має маємо мають мати можу може можемо можуть можна хочу хоче хочемо хочете хотів хотіла треба потрібно
мабуть дуже вже ще тільки лише також теж тепер потім тоді отже так ні не добрий день вечір привіт дякую будь
ласка ок окей знати сказати скажіть скажи інформація інформацію інфо тут там все всі весь кожен інший щось хтось
січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень рік роки року
місяць місяці тиждень тижні день дні вчора минулого минулий чоловік дружина син дочка мама тато брат сестра друг
будуть буде будемо буду був була було були будете якісь якийсь якась якесь якогось якоїсь цього цієї цьому
цим цих цією того тієї тому тим тих всього усього всіх усіх всім всіма усі все усе разом біля коло завжди дуже просто
типу короче ну от ось ага вот так от нужно нужен нужна надо нада треба потрібно потрібен потрібна
то это этот эта эти мне меня тебе тебя есть был была было были будет пожалуйста здравствуйте спасибо
сусідка сусід сусіди кума кум свекруха теща тесть дядько тітка племінник подруга подружка знайома знайомий діти дитина
неділя неділю понеділок субота суботу вечора ранку сьогодні завтра вчора пів півроку півтора понеділка вівторка вівторок середи середа четверга четвер пятниці пятниця суботи неділі
розповіла розповів розповіли сказала сказав казали чула чув чули приїхала приїхав приїхали мріяла мріяв хотіла хотів
багато мало трохи нічого ніхто хтось щось дещо
один одна одне одного одну
насправді справді конкретно саме точно цими тими цією тією те
таке такий така такі такого одному одній одним
шо чо ето етот ета ети тоже также вообще ваще щас сейчас уже еще ещё ли или и в на с по для меня мне у нас вас
ми ви он она они оно можно нужно надо будет было была были буду если чтобы чтоб только просто вот ну да нет
типа ага ось от оце от такий вже ж же би б бо
якесь якусь якийсь якась цю оцю оцей оця нами вами ними
сам сама само самі самого самої самому самій самим самими самих саму самою
мого моєї моєму моїй моїм моїми моїх мою моєю твого твоєї твоєму твоїй твоїм твоїми твоїх твою своєю свого своєї своєму своїй своїм своїми своїх свою нашого нашої нашому нашій нашим нашими наших нашу нашою вашого вашої вашому вашій вашим вашими ваших вашу вашою
какое какой-то какое-то могу может можем мой моя мои мне меня нам вас вам ваш ваша ваши это эта этот эти
чим чем щоб знову`;

const AR = `في من الى إلى على عن مع ب ل و ف ثم او أو لكن بل ان إن أن اذا إذا لو قد لقد كان كانت يكون تكون
انا أنا انت أنت هو هي نحن انتم أنتم هم هن لي لك له لها لنا لكم لهم عندي عندك عنده عندنا هذا هذه ذلك تلك
هؤلاء الذي التي الذين كل بعض غير فقط ايضا أيضا جدا الان الآن بعد قبل عند حتى يا السلام عليكم مرحبا اهلا
أهلا شكرا من فضلك لو سمحت ممكن اريد أريد اود أود ابغى عايز بدي نعم لا اعرف أعرف قل قولي معلومات هنا هناك
شيء احد أحد يناير فبراير مارس ابريل أبريل مايو يونيو يوليو اغسطس أغسطس سبتمبر اكتوبر أكتوبر نوفمبر ديسمبر
سنة سنوات شهر اشهر أشهر اسبوع أسبوع يوم ايام أيام امس أمس الماضي الماضية زوجي زوجتي ابني ابنتي امي أمي ابي
أبي اخي أخي اختي أختي صديقي لازم عشان علشان بس كده كدا هيك ده دي هاد هادي اللي الي يلي لسه برضو برضه يعني
كل كله كلها كلهم لما كنا كنت كان كانت يكون تكون ده دي دا دول هذا هذه لهذا لهذه بهذا بهذه هاد هادا هاذا هذي
بيا بي ليا لي فيه فيها عليه عليها عنه عنها منه منها معي معاي معايا عندي ولا او ام عشان علشان لاجل حتى بس طيب والله
شي شيء حاجه حاجة اي أي ايه اللي الذي التي هو هي احنا إحنا نحنا انتو انتوا انتم هما هم مش مو مب مافي ماكو
نفسي ممكن يمكن يمكنني استطيع اقدر أقدر بقدر بدي ابغى ابي أبي اريد أريد عايز عاوز حابب لازم يجب
جاري جارتي جيراني اخوي خويا خالي عمي صاحبي صاحبتي مرتي جوزي اولادي أولادي ولادي
يوم الجمعه الجمعة السبت الاحد الأحد امبارح بكره بكرة الحين هلا دلوقتي دابا توا قاعد قاعدين
حكالي حكى قال قالي قالت قالولي سمعت سمعنا جيت جيت جينا جاء دايما دائما ابدا أبدا كتير كثير شويه شوية
سبع ست خمس اربع ثلاث سنين سنوات سنه
به بها بيه بيها واحد واحده كمان
فعلا فعلاً بالضبط حقا تحديدا
بتاع بتاعي بتاعنا بتاعتي بتاعتنا بتاعك بتاعكم ديال ديالي ديالنا ديالك دياله ديالها معاكم معاك معاكو عندكم عندكو
كاين كاينة كاينه كاينين بغيت بغينا نبغي بغا بغات عاوزه عايزه عايزين حابه شي شوي زعما يعني هادشي هاذ هاذي هادي
اهو ايوه اه خلاص كده كدا كدة بردو برضو مازال باقي دابا دلوقت دلوقتي توا هلق هلا مثلا يعنى ياك ماشي
مافيش مفيش مكانش ماكانش ماعنديش معنديش عادي بقى بقا اللى اللي الى يا ريت ياريت
جوا جوه جواها جواه ناوي ناويه ناوية ساعه بعدين وبعدين ولو الاتنين الاثنين التلات الثلاثاء الاربع الاربعاء الخميس راني راه عافاك حيت حيث حد حدا شهور اسابيع اعوام سنين عامين شهرين غادي غادية غاديين باش خاصني خاصنا خاص لازمني عطيني اعطيني عطني اديني ادوني عطيوني اصلا أصلا بالظبط بالزبط`;

const QUESTION_IT = 'chi come dove quando quanto quanta quanti quante cosa cos perche';
const QUESTION_EN = 'what who how where when which why whom whose many much';
// Moldovan spelling keeps î inside words: "cît", "cîte" (cât, câte)
const QUESTION_RO = 'cine cum unde cand cat cata cati cate ce care cit cita citi cite';
const QUESTION_ES = 'quien quienes como donde cuando cuanto cuanta cuantos cuantas cual cuales porque';
const QUESTION_FR = 'qui comment quand combien quoi koi quel quelle quels quelles pourquoi ou';
const QUESTION_SQ = 'kush si ku kur sa cfare çfarë cili cila cilet cilët pse perse përse';
const QUESTION_UK = 'хто кому ким кого як де коли скільки що який яка які чому навіщо куди кто как где когда сколько какой какая какие почему зачем куда';
const QUESTION_AR = 'بماذا كيف متى اين أين لماذا ليش ليه كم ماذا ما هل شو ايش إيش وين فين امتى ازاي كيفاش مين';

const QUESTION_AR_DIALECT = 'واش فاش علاش لاش اشنو شنو اش شحال قداش قديش امتا امتين فوقاش منين شكون منو شلون كيفاش ازاي فين وين ايمتى وش ويش وشو وشلون لوين';
const QUESTION_UK_RUSSIAN = 'шо чо что кто как где когда сколько какой какая какие почему зачем куда';
const QUESTION_SQ_GHEG = 'qysh kah kahmas cka çka kujt kend kënd cilit ciles cilës cilen cilën cilat cilave';

/**
 * Question words of the dialects and of a neighbouring language, as the standard question word the FAQ's phrasings
 * use, so they help rank the same phrasings ("قداش" and "شحال" are "كم", Moroccan "فين" is "أين"; surzhyk "сколько" is
 * "скільки"; Gheg "qysh" is "si"). A question word is a ranking tie-breaker, never evidence (see answerer.ts).
 */
const QUESTION_CANON_LISTS: Readonly<Partial<Record<Locale, ReadonlyArray<readonly [string, string]>>>> = {
  ar: [
    ['قداش', 'كم'], ['شحال', 'كم'], ['قديش', 'كم'], ['اشحال', 'كم'], ['كام', 'كم'],
    ['فين', 'اين'], ['وين', 'اين'], ['منين', 'اين'], ['لوين', 'اين'],
    ['امتى', 'متى'], ['امتا', 'متى'], ['امتين', 'متى'], ['فوقاش', 'متى'], ['ايمتى', 'متى'], ['فاش', 'متى'],
    ['ازاي', 'كيف'], ['كيفاش', 'كيف'], ['شلون', 'كيف'], ['وشلون', 'كيف'],
    ['ليه', 'لماذا'], ['ليش', 'لماذا'], ['علاش', 'لماذا'], ['لاش', 'لماذا'],
    ['ايش', 'ماذا'], ['ايه', 'ماذا'], ['وش', 'ماذا'], ['ويش', 'ماذا'], ['وشو', 'ماذا'], ['شو', 'ماذا'], ['شنو', 'ماذا'], ['اشنو', 'ماذا'], ['اش', 'ماذا'],
    ['واش', 'هل'], ['مين', 'من'], ['شكون', 'من'], ['منو', 'من'],
  ],
  uk: [
    ['что', 'що'], ['шо', 'що'], ['чо', 'що'], ['кто', 'хто'], ['как', 'як'], ['где', 'де'], ['когда', 'коли'],
    ['сколько', 'скільки'], ['какой', 'який'], ['какая', 'яка'], ['какие', 'які'], ['почему', 'чому'],
    ['зачем', 'навіщо'], ['куда', 'куди'],
  ],
  // chat spellings of the question words ("xke", "whats", "kel", "cmt")
  it: [
    ['xke', 'perche'], ['xk', 'perche'], ['xche', 'perche'], ['perke', 'perche'], ['pke', 'perche'], ['qnd', 'quando'],
    ['qnt', 'quanto'], ['qnto', 'quanto'], ['qnti', 'quanti'], ['kosa', 'cosa'], ['cm', 'come'], ['ki', 'chi'], ['qunato', 'quanto'], ['qaunto', 'quanto'], ['quato', 'quanto'], ['kome', 'come'], ['qndo', 'quando'],
  ],
  en: [['whats', 'what'], ['wats', 'what'], ['wat', 'what'], ['hows', 'how'], ['wheres', 'where'], ['whos', 'who'], ['wen', 'when'], ['hw', 'how']],
  es: [['xq', 'porque'], ['pq', 'porque'], ['kien', 'quien'], ['cmo', 'como'], ['dnd', 'donde']],
  fr: [['kel', 'quel'], ['kelle', 'quelle'], ['pk', 'pourquoi'], ['pq', 'pourquoi'], ['cmb', 'combien'], ['cmt', 'comment'], ['ki', 'qui'], ['kan', 'quand'], ['kand', 'quand'], ['komen', 'comment'], ['koman', 'comment'], ['qd', 'quand']],
  sq: [
    ['qysh', 'si'], ['kah', 'ku'], ['kahmas', 'ku'], ['cka', 'cfare'], ['çka', 'cfare'], ['kend', 'ke'],
    ['cilit', 'cili'], ['ciles', 'cila'], ['cilen', 'cilin'], ['cilat', 'cilet'], ['cilave', 'cilet'],
  ],
};

/** The words of a list, folded as the analyzer folds text (accents, Arabic letter forms), lowercase. */
function words(list: string): ReadonlySet<string> {
  return new Set(
    list
      .split(/\s+/)
      .filter((w) => w !== '')
      .map((w) => foldAccents(w).toLowerCase()),
  );
}

/**
 * What a worker calls the measure or its matter when not naming it ("sta roba", "this thing", "ця штука", "o sea"),
 * fillers around a question ("o roba del genere", "or something") and "none" words ("non trovo nessun numero"): no
 * topic of their own, but as words the FAQ never uses each counted against the answer.
 */
const COLLOQUIAL: Readonly<Record<Locale, string>> = {
  it: 'roba robe coso cosi faccenda genere nessun nessuno nessuna niente nulla',
  en: 'stuff thing things something out whatever',
  ro: 'chestiile chestiei genul',
  es: 'sea cosa cosas rollo tema asunto pasas pasame',
  fr: 'chose choses trucs machins bidule eu eue eus',
  sq: 'gje gjë gjeja gjëja sende send',
  uk: 'штука штуки штуку штукою штуці річ взагалі чомусь чогось чимось когось комусь кимось щосю',
  ar: '',
};

/**
 * "None" words, "for example" and "is it normal?" in every language ("non ho ricevuto nessuna lettera, è normale?", "nuk kam marrë
 * asnjë letër", "je n'ai reçu aucune lettre, c'est normal ?", "я не отримала жодного листа"): they carry no topic,
 * and as words the FAQ never uses each counted against the answer to the question that follows them. (Negators
 * stay readable by the analyzer's negation, which looks at the words as typed.)
 */
const NONE_AND_NORMAL: Readonly<Record<Locale, string>> = {
  it: 'normale normali esempio es',
  en: 'none normal eg example',
  ro: 'niciun nicio niciuna niciunul nimic normal normala ex exemplu',
  es: 'ningun ningún ninguno ninguna normal ej ejemplo tipo',
  fr: 'aucun aucune aucuns normal normale ex exemple',
  sq: 'nuk asnje asnjë asgjë asgje normale normal psh shembull',
  uk: 'жодного жодної жоден жодна жодних жодну жодним нормально нормальне нормальна наприклад напр',
  ar: 'طبيعي عادي وصلني وصلتني ماوصلني ماوصلتني فيني فيا مثلا مثلاً للي',
};

export const STOPWORDS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  it: words(`${IT} ${COLLOQUIAL.it} ${NONE_AND_NORMAL.it}`),
  en: words(`${EN} ${COLLOQUIAL.en} ${NONE_AND_NORMAL.en}`),
  ro: words(`${RO} ${COLLOQUIAL.ro} ${NONE_AND_NORMAL.ro}`),
  es: words(`${ES} ${COLLOQUIAL.es} ${NONE_AND_NORMAL.es}`),
  fr: words(`${FR} ${COLLOQUIAL.fr} ${NONE_AND_NORMAL.fr}`),
  sq: words(`${SQ} ${COLLOQUIAL.sq} ${NONE_AND_NORMAL.sq}`),
  uk: words(`${UK} ${COLLOQUIAL.uk} ${NONE_AND_NORMAL.uk}`),
  ar: words(`${AR} ${NONE_AND_NORMAL.ar}`),
};
/** Per locale: a dialect's or neighbouring language's question word (folded) -> the standard one (folded). */
export const QUESTION_CANON: Readonly<Partial<Record<Locale, ReadonlyMap<string, string>>>> = Object.fromEntries(
  Object.entries(QUESTION_CANON_LISTS).map(([locale, pairs]) => [
    locale,
    new Map(pairs.map(([from, to]) => [foldAccents(from).toLowerCase(), foldAccents(to).toLowerCase()])),
  ]),
);

export const QUESTION_WORDS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  it: words(QUESTION_IT),
  en: words(QUESTION_EN),
  ro: words(QUESTION_RO),
  es: words(QUESTION_ES),
  fr: words(QUESTION_FR),
  sq: words(`${QUESTION_SQ} ${QUESTION_SQ_GHEG}`),
  uk: words(`${QUESTION_UK} ${QUESTION_UK_RUSSIAN}`),
  ar: words(`${QUESTION_AR} ${QUESTION_AR_DIALECT}`),
};

/** Articles and possessives that may appear inside a synonym phrase or not ("perso (il mio) lavoro"). */
export const FILLERS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  it: words('il lo la i gli le l un uno una mio mia miei mie tuo tua suo sua nostro nostra del dello della dei degli delle dell'),
  en: words('the a an my your our their his her its'),
  ro: words('un o unui unei meu mea mei mele lui ei al a ai ale mai acest aceasta aceste acesti asta astea aia alea'),
  es: words('el la los las un una mi mis su sus tu tus del de este esta estos estas ese esa esos esas'),
  fr: words('le la les l un une mon ma mes son sa ses du de des d ce cet cette ces'),
  sq: words('i e te të im ime imi tij saj'),
  // and the demonstratives ('надає (ці) послуги', 'скільки (це) коштує')
  uk: words('мій моя моє мої свій своя своє свої це цей ця ці той ті'),
  // intensifiers a worker slips into a phrase ('بيشتغل فعلا على')
  // and the relative pronoun and demonstratives of the dialects ('مين (اللي) بيقدم', 'الخدمات (دي)')
  ar: words('ال فعلا فعلاً بالضبط بالظبط حقا حقًا اللي الي اللى دي ده هاد هادي'),
};

/**
 * Adverbs a worker slips inside a phrase ("ho (già) ripreso a lavorare", "I (already) found a job", "am (deja) găsit
 * de lucru"): skipped between two words of a synonym phrase as typed, never taken off a phrase's own words (unlike
 * FILLERS: "ora lavoro" must not become every "lavoro").
 */
export const INSERTED_ADVERBS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  it: words('già gia appena anche ora adesso finalmente poi'),
  en: words('already just now also finally recently'),
  ro: words('deja acum si și abia in sfarsit'),
  es: words('ya ahora tambien también recien recién finalmente'),
  fr: words('déjà deja maintenant aussi enfin juste'),
  sq: words('tashmë tashme tani edhe sapo me në fund'),
  uk: words('вже уже тепер теж також нарешті щойно'),
  ar: words('خلاص توا دابا هلق'),
};

/**
 * Common verbs, adjectives and adverbs that say little about the topic ("vengono", "messo", "nuovo", "put",
 * "write"). Unlike stopwords they are searched, but they count little as evidence either way: a question is not out
 * of scope because it says "vengono dati", nor in scope because it says "nuovo". Matched by stem, so every
 * inflection of a listed form counts.
 */
const GENERIC_IT = `venire viene vengono venuto venuta venuti dare da danno dato data dati dai dia dire detto
detta dice dicono mettere mette mettono messo messa messi prendere prende prendono preso presa presi vedere vede
vedono visto vista trovare trovo trova trovano trovato sentire sento sente pensare penso pensa parlare parla servire
serve servono servito servita servirebbe vanno andiamo andate prevedere prevede prevedono previsto prevista previsti previste riuscire
riesco riesce succedere succede succedono successo capire capisco capito chiamarsi chiama funzionare funziona
funzionano ricevere ricevo riceve ricevuto ottenere ottengo ottiene ottenuto usare uso usa usato usufruire lasciare
lascia lasciato tenere tiene tenuto restare resta rimanere rimane rimasto cambiare cambia cambiato continuare
continua significare iniziare inizia finire finisce finito scrivere scrivo scritto leggere leggo letto conoscere
conosco nuovo nuova nuovi nuove vecchio vecchia grande grandi piccolo piccola piccoli bello bella buono buona
cattivo vero vera certo certa certi giusto giusta stesso stessa stessi possibile possibili necessario necessaria
importante importanti generale generali personale personali professionale professionali particolare particolari
normale normali diverso diversa diversi vario varie bene male meglio peggio sempre mai spesso subito veramente
davvero praticamente solamente soltanto magari forse almeno circa modo cosa cose volta volte parte caso casi
tipo genere sorta esempio fatto questione situazione riferimento riferimenti ricevero riceverei avro avrei
saro sarei potro potrei`;

const GENERIC_EN = `put puts putting get gets getting give gives given giving make makes made making take takes took
taken say says said see sees saw seen use uses used using write writes wrote written read find finds found keep keeps
kept seem seems feel feels try tries tried mean means meant become becomes became bring brings brought leave leaves
left happen happens happened change changes changed continue continues receive receives received obtain obtains
new old good bad big small great little same other different possible necessary important general personal
reference references
professional particular normal various certain real sure right exactly always never often really quite basically
just maybe perhaps thing things way ways kind sort lot lots case cases example matter situation`;

const GENERIC_RO = `face fac facut da dat dau primi primesc primit lua iau luat vedea vad vazut gasi gasesc gasit folosi
folosesc nou noua noi vechi mare mari mic mica bun buna adevarat sigur posibil necesar important general personal
diferit mereu niciodata des chiar cumva poate lucru lucruri fel caz cazuri exemplu situatie
faceti faceți faci facem fac facea făcut zice zicea zis spune spunea spus merge mers mergem duce duc dus vine vin venit
pleca plecat ajunge ajuns sti stiu știu stie știe vorbi vorbit vorbea auzi auzit lua luat pune pus trimite trimis termina terminat
obtine obține obtinut obținut primește primeste primesc primit arata arată spuneti spuneți dati dați dau da dam dea
contează conteaza problema probleme problemă lucrez lucram lucrat
porni pornească porneasca pornește porneste pornim
muncesc munceam muncit munci muncește munceste muncim munca muncă lucrează lucreaza lucrau lucrăm
nevoie nevoi`;
const GENERIC_ES = `hacer hace hacen hecho dar da dan dado recibir recibo recibe recibido tomar toma tomado ver veo visto
encontrar encuentro usar uso usado nuevo nueva nuevos viejo grande grandes pequeno bueno buena cierto seguro posible
necesario importante general personal distinto siempre nunca realmente quizas cosa cosas manera modo caso casos
ejemplo situacion
hacen hago hacemos hice hizo hecho dan doy damos dio dieron digo dice dicen dijo comento comentó contar conto contó
ir voy vas va vamos fue fueron venir vengo viene vino llegar llego llegó saber se sabe sabia sabía hablar hablo hablé
mandar mando mandan enviar envio pasar paso pasa paso pasó quedar queda quedo terminar termino termina despues después
luego antes mientras hasta ahora todavia todavía
problema problemas importa cuenta vale sirve trabajo trabajaba
armar arma arman sale salen salio salió
laburo laburaba laburar chamba chambeo chambeaba curro curraba currar trabajé trabaje trabajando trabajamos trabajaron trabajar ubicada ubicado queda quedan`;
const GENERIC_FR = `faire fait font donner donne donnent donnes recevoir recois recu prendre prend pris voir vois vu
trouver trouve utiliser utilise nouveau nouvelle nouveaux vieux grand grande petit petite bon bonne vrai sur
possible necessaire important general personnel different toujours jamais souvent vraiment peut-etre chose choses
facon maniere cas exemple situation
faites fais faisons faisait dit disait dis disent parle parlé parlait raconte raconté va vais vont allé allée aller
venir viens vient venu arrive arrivé sais sait savoir savais entendu mettre mis envoyer envoie passer passé finir fini
termine terminé obtenir obtenu recevoir reçoit recoit apres après avant pendant jusqu'ici maintenant
problème probleme problèmes pose compte importe travaille travaillais bossais bosse
taf taffe taffais boulot job jobs bossé bosser travailler travaillé
besoin`;
const GENERIC_SQ = `bej ben bere jap jep dhene dhënë marr merr marre marrë shoh shikoj gjej perdor përdor i ri e re
vjeter vjetër madh vogel vogël mire mirë sigurt mundur nevojshem nevojshëm rendesishem rëndësishëm gjithmone
gjithmonë kurre kurrë vertet vërtet gje gjë gjera gjëra menyre mënyrë rast raste shembull situate situatë
beni bëni bej bëj bën ben bëri beri jap jep jepni dha dhane dhanë them thua thote thotë tha foli flet flas folur
shkoj shkon shkova vjen erdhi vij di dini dija degjova dëgjova dergoj dërgoj coj çoj mbaroj mbaron mbaroi merr marr mori
mora pasi pastaj para pas gjate gjatë deri tani
problem probleme rëndësi rendesi punoj punoja punova
japin japim jepin jepet`;
const GENERIC_UK = `робити роблю зробити давати дати дають отримати отримую отримав брати взяти бачити знайти
використати новий нова нові старий великий маленький добре погано правда точно можливо потрібний важливий
загальний особистий різний завжди ніколи часто справді річ речі спосіб випадок приклад ситуація
робите роблю робить зробили зробив дам дасте дають дали давати кажу каже казав казала казали сказали говорив
говорила йти іти йду піти пішов прийти прийшов приходити знаю знає знали чув чула чули нести несу принести послати
відправити закінчити закінчили отримує отримують отримали після перед поки досі того чого тому
проблема проблеми важливо працюю працював працювала
робили робив робила зробила роблять
пройти пройду проходити проходжу пишете писали пишуть кажете говорите кажуть говорять посадили перевели сиджу сидимо сидить сиділа сидів
нову нового нової новому новій новим новими нових новою
туди сюди звідти звідси туда сюда стою стоїмо стоять
інша інші іншу іншої іншій іншим іншими інших іншою іншого іншому цікавить цікавлять цікаво цікавий`;
const GENERIC_AR = `يعطي اعطى يأخذ اخذ يرى وجد يستخدم جديد جديدة قديم كبير صغير جيد صحيح ممكن ضروري مهم
عام شخصي مختلف دائما ابدا أبدا غالبا حقا شيء اشياء أشياء طريقة حالة حالات مثال وضع
تسوون تسوي يسوي سوى سويت اعطيكم اعطيك اعطي اعطوني يعطي قال قلت يقول حكى حكيت احكي روح اروح رحت يروح جيت
اجي يجي عرفت اعرف يعرف سمعت بعت ابعت ارسل وصل وصلت خلص خلاص خلصت ياخذ ياخذها ناخذ اخذ بعد قبل لحد لغايه دلوقتي
مشكله مشاكل يهم اشتغل بشتغل اشتغلت يشتغل نشتغل اعطوني اعطيني
خدام خدامه خدامين كنخدم نخدم بخدم باخد باخذ واخد ناخد كناخد نشد نقول يقولو يتدار يدار نكونو نكون يكونو ندير نديرو دير نعملو حاطينا حطونا حاطين عينت عين اخد
بتتكلموا بتتكلمو تتكلموا بتقولوا بتكتبوا حاطانا
تاني تانيه تانية ثاني ثانيه كمان مره تانيه
اعمل نعمل نعملو يعمل تعمل بعمل هعمل تعملوا تعملو بتعملوا بتعملو منعمل
لسا لساتني بعدني بعدك بعدو موضوع الموضوع حاطتنا حطونا
هتحط يحطوا حطوا هتمشي هيمشي هيمشوا نفكر كنفكر بفكر افكر نحل مصير مصيري نص عطيت عطيتكم عطيتك كتمشي تمشي بتنزل تنزل
نقبض اقبض بقبض كنقبض نقبضو قابض اخد ناخدو هاخد اعلن اعلنت اعلنو صار صارت حصل حصلت
يصير بصير بيصير رح يصير راح يصير بيحصل هيحصل غادي يوقع يوقع`;

export const GENERIC_WORDS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  it: words(GENERIC_IT),
  en: words(GENERIC_EN),
  ro: words(GENERIC_RO),
  es: words(GENERIC_ES),
  fr: words(GENERIC_FR),
  sq: words(GENERIC_SQ),
  uk: words(GENERIC_UK),
  ar: words(GENERIC_AR),
};
